import { makeStyles, tokens } from "@fluentui/react-components";

export const useApprovalsStyles = makeStyles({
  empty: {
    margin: "0",
    color: tokens.colorNeutralForeground2,
  },
  count: {
    margin: "0",
    fontWeight: tokens.fontWeightSemibold,
  },
  list: {
    listStyleType: "none",
    margin: "0",
    padding: "0",
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
  },
  item: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
});
