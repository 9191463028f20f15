import { makeStyles, tokens, typographyStyles } from "@fluentui/react-components";

export const useTeamsPresenceStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalL },
  section: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  heading: {
    ...typographyStyles.subtitle1,
    margin: "0",
  },
  line: { margin: "0" },
  term: {
    color: tokens.colorNeutralForeground2,
    fontWeight: tokens.fontWeightSemibold,
  },
  steps: {
    margin: "0",
    paddingInlineStart: tokens.spacingHorizontalXL,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
  step: {
    display: "list-item",
  },
  stepName: {
    marginInlineEnd: tokens.spacingHorizontalS,
  },
  detail: {
    display: "block",
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
  },
});
