import { makeStyles, tokens } from "@fluentui/react-components";

export const useHomeStyles = makeStyles({
  badges: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
  },
  grid: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(300px, 1fr))",
    gap: tokens.spacingHorizontalL,
    alignItems: "start",
  },
  card: {
    padding: tokens.spacingHorizontalL,
  },
  section: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
  sectionHeading: {
    margin: "0",
    color: tokens.colorNeutralForeground1,
  },
  facts: {
    display: "grid",
    gridTemplateColumns: "max-content 1fr",
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    margin: "0",
  },
  term: {
    color: tokens.colorNeutralForeground2,
    fontWeight: tokens.fontWeightSemibold,
  },
  detail: {
    margin: "0",
    overflowWrap: "anywhere",
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
    margin: "0",
    paddingLeft: tokens.spacingHorizontalXL,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
  subheading: {
    margin: "0",
    color: tokens.colorNeutralForeground1,
  },
  note: {
    margin: "0",
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
});
