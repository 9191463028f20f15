import { makeStyles, tokens, typographyStyles } from "@fluentui/react-components";

export const usePeopleStyles = makeStyles({
  aside: { margin: "0" },
  section: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
  heading: {
    ...typographyStyles.subtitle1,
    margin: "0",
  },
  note: {
    margin: "0",
    color: tokens.colorNeutralForeground2,
  },
  grid: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(240px, 1fr))",
    gap: tokens.spacingHorizontalL,
    listStyleType: "none",
    margin: "0",
    padding: "0",
  },
  item: { display: "flex", flexDirection: "column" },
  card: {
    padding: tokens.spacingHorizontalL,
    height: "100%",
    boxSizing: "border-box",
    gap: tokens.spacingVerticalXS,
  },
  name: {
    fontWeight: tokens.fontWeightSemibold,
  },
  meta: {
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
  },
  tags: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalXS,
    listStyleType: "none",
    margin: "0",
    padding: "0",
  },
});
