import { makeStyles, tokens } from "@fluentui/react-components";

export const useApproveProposalStyles = makeStyles({
  content: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
  clashList: {
    margin: "0",
    paddingInlineStart: tokens.spacingHorizontalXL,
  },
  explanation: {
    margin: "0",
  },
});
