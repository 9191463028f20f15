import { makeStyles, tokens } from "@fluentui/react-components";

export const useDirectoryStyles = makeStyles({
  aside: { margin: "0" },
  results: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
  count: {
    margin: "0",
    fontWeight: tokens.fontWeightSemibold,
  },
  empty: {
    margin: "0",
    color: tokens.colorNeutralForeground2,
  },
  grid: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(280px, 1fr))",
    gap: tokens.spacingHorizontalL,
    listStyleType: "none",
    margin: "0",
    padding: "0",
  },
  item: { display: "flex", flexDirection: "column" },
  pager: {
    display: "flex",
    gap: tokens.spacingHorizontalS,
  },
});
