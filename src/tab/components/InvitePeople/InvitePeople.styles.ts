import { makeStyles, tokens } from "@fluentui/react-components";

export const useInvitePeopleStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
  note: {
    color: tokens.colorNeutralForeground2,
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
  subheading: {
    margin: "0",
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  list: {
    listStyleType: "none",
    margin: "0",
    padding: "0",
  },
  item: {
    display: "flex",
    flexDirection: "column",
    paddingBlock: tokens.spacingVerticalXS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
});
