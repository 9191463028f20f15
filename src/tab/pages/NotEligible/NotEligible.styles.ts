import { makeStyles, tokens } from "@fluentui/react-components";

export const useNotEligibleStyles = makeStyles({
  body: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    maxWidth: "70ch",
  },
  text: {
    margin: "0",
  },
  reference: {
    margin: "0",
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
  },
});
