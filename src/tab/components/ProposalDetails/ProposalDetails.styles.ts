import { makeStyles, tokens } from "@fluentui/react-components";

export const useProposalDetailsStyles = makeStyles({
  card: {
    maxWidth: "60rem",
  },
  body: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
  header: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: tokens.spacingHorizontalM,
  },
  name: {
    margin: "0",
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
    fontWeight: tokens.fontWeightSemibold,
  },
  facts: {
    display: "grid",
    gridTemplateColumns: "minmax(8rem, max-content) 1fr",
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    margin: "0",
    "@media (max-width: 480px)": {
      gridTemplateColumns: "1fr",
    },
  },
  // Each term and its value stay one row of the grid (display: contents keeps the dl's children dt/dd).
  fact: {
    display: "contents",
  },
  term: {
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
  },
  value: {
    margin: "0",
    overflowWrap: "anywhere",
  },
  texts: {
    borderTopWidth: tokens.strokeWidthThin,
    borderTopStyle: "solid",
    borderTopColor: tokens.colorNeutralStroke2,
  },
  panel: {
    paddingBlockEnd: tokens.spacingVerticalM,
  },
});
