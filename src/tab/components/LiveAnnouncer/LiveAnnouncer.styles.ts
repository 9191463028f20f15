import { makeStyles } from "@fluentui/react-components";

export const useLiveAnnouncerStyles = makeStyles({
  // Visually hidden but read by screen readers.
  region: {
    position: "absolute",
    width: "1px",
    height: "1px",
    margin: "-1px",
    padding: "0",
    overflow: "hidden",
    clipPath: "inset(50%)",
    whiteSpace: "nowrap",
    border: "0",
  },
});
