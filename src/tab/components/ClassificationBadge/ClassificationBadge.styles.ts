import { makeStyles, tokens } from "@fluentui/react-components";

export const useClassificationBadgeStyles = makeStyles({
  badge: {
    fontWeight: tokens.fontWeightSemibold,
    letterSpacing: "0.02em",
    flexShrink: 0,
  },
  // Visually hidden, read by screen readers.
  hidden: {
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
