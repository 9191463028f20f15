import { makeStyles, tokens } from "@fluentui/react-components";

export const useEditCommunityStyles = makeStyles({
  content: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
  note: {
    margin: 0,
    color: tokens.colorNeutralForeground2,
  },
});
