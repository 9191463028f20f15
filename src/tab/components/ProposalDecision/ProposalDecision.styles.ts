import { makeStyles, tokens } from "@fluentui/react-components";

export const useProposalDecisionStyles = makeStyles({
  root: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
  },
});
