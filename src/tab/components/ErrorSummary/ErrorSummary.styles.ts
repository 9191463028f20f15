import { makeStyles, tokens } from "@fluentui/react-components";

export const useErrorSummaryStyles = makeStyles({
  root: {
    ":focus": { outlineStyle: "none" },
    ":focus-visible": {
      outlineWidth: tokens.strokeWidthThick,
      outlineStyle: "solid",
      outlineColor: tokens.colorStrokeFocus2,
    },
  },
  general: { margin: `${tokens.spacingVerticalXS} 0 0` },
  list: {
    margin: `${tokens.spacingVerticalXS} 0 0`,
    paddingInlineStart: tokens.spacingHorizontalL,
  },
});
