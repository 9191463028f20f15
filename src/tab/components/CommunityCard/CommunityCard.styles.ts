import { makeStyles, tokens, typographyStyles } from "@fluentui/react-components";

export const useCommunityCardStyles = makeStyles({
  card: {
    padding: tokens.spacingHorizontalL,
    height: "100%",
    boxSizing: "border-box",
  },
  body: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  header: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "baseline",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalS,
  },
  name: {
    ...typographyStyles.subtitle2,
    margin: "0",
  },
  badges: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalXS,
  },
  purpose: {
    margin: "0",
    color: tokens.colorNeutralForeground1,
    overflowWrap: "anywhere",
  },
});
