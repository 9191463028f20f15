import { makeStyles, tokens } from "@fluentui/react-components";

export const useDevIdentityPickerStyles = makeStyles({
  list: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(260px, 1fr))",
    gap: tokens.spacingHorizontalM,
    listStyleType: "none",
    margin: "0",
    padding: "0",
  },
  item: {
    display: "flex",
  },
  button: {
    width: "100%",
    maxWidth: "none",
    justifyContent: "flex-start",
    textAlign: "start",
  },
});
