import { makeStyles, tokens } from "@fluentui/react-components";

export const useManageCommunityStyles = makeStyles({
  root: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
  },
  note: {
    margin: 0,
    flexBasis: "100%",
  },
  form: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
});
