import { makeStyles, tokens, typographyStyles } from "@fluentui/react-components";

export const useProfileStyles = makeStyles({
  aside: { margin: "0" },
  grid: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(300px, 1fr))",
    gap: tokens.spacingHorizontalL,
    alignItems: "start",
  },
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
  note: {
    margin: "0",
    color: tokens.colorNeutralForeground2,
  },
  tags: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalXS,
    listStyleType: "none",
    margin: "0",
    padding: "0",
  },
  list: {
    listStyleType: "none",
    margin: "0",
    padding: "0",
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  row: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
  },
});
