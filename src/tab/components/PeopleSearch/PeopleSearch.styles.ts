import { makeStyles, tokens } from "@fluentui/react-components";

export const usePeopleSearchStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
  form: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "flex-end",
    gap: tokens.spacingHorizontalS,
  },
  field: {
    flexGrow: 1,
    maxWidth: "420px",
  },
  empty: {
    margin: "0",
    color: tokens.colorNeutralForeground2,
  },
  list: {
    listStyleType: "none",
    margin: "0",
    padding: "0",
  },
  item: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  who: {
    display: "flex",
    flexDirection: "column",
    minWidth: "0",
  },
  subheading: {
    margin: "0",
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  meta: {
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
  },
});
