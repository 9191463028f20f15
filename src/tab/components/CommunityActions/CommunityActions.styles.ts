import { makeStyles, tokens } from "@fluentui/react-components";

export const useCommunityActionsStyles = makeStyles({
  root: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
  },
  blocked: {
    margin: 0,
  },
});
