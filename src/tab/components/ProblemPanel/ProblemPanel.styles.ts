import { makeStyles, tokens } from "@fluentui/react-components";

export const useProblemPanelStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    gap: tokens.spacingVerticalM,
    maxWidth: "70ch",
  },
  bar: { alignSelf: "stretch" },
  actions: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
  },
  reference: {
    margin: "0",
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
  },
});
