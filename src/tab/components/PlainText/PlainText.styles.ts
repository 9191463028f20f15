import { makeStyles, tokens } from "@fluentui/react-components";

export const usePlainTextStyles = makeStyles({
  text: {
    margin: "0",
    maxWidth: "70ch",
    whiteSpace: "pre-wrap",
    overflowWrap: "anywhere",
    color: tokens.colorNeutralForeground1,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase400,
  },
});
