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
    // Each link is a one-line target (20px): spaced so none is within 24px of the next (WCAG 2.5.8 target size).
    "& > li + li": { marginBlockStart: tokens.spacingVerticalS },
  },
});
