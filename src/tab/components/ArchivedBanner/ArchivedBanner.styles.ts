import { makeStyles, tokens } from "@fluentui/react-components";

export const useArchivedBannerStyles = makeStyles({
  body: {
    display: "flex",
    flexDirection: "column",
    alignItems: "start",
    gap: tokens.spacingVerticalXS,
  },
  line: {
    margin: "0",
  },
  reason: {
    margin: "0",
    maxWidth: "70ch",
    // As typed: line breaks kept, never parsed; long words wrap rather than overflow.
    whiteSpace: "pre-wrap",
    overflowWrap: "anywhere",
  },
});
