import { makeStyles, tokens } from "@fluentui/react-components";

export const useCommunityFactsStyles = makeStyles({
  facts: {
    display: "grid",
    gridTemplateColumns: "max-content 1fr",
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
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
});
