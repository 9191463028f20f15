import { makeStyles, tokens } from "@fluentui/react-components";

export const useProposalFieldsStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    maxWidth: "70ch",
  },
  counter: {
    fontWeight: tokens.fontWeightSemibold,
  },
  teamsName: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalXS,
    marginBlockStart: tokens.spacingVerticalXXS,
    overflowWrap: "anywhere",
  },
  teamsNote: {
    color: tokens.colorNeutralForeground3,
  },
  fieldset: {
    margin: "0",
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
  legend: {
    padding: `0 ${tokens.spacingHorizontalXS}`,
    fontWeight: tokens.fontWeightSemibold,
  },
  hint: {
    margin: "0",
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
  },
  error: {
    margin: "0",
    color: tokens.colorPaletteRedForeground1,
    fontSize: tokens.fontSizeBase200,
  },
});
