import { makeStyles, tokens, typographyStyles } from "@fluentui/react-components";

export const usePageStyles = makeStyles({
  page: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    maxWidth: "960px",
    width: "100%",
    margin: "0 auto",
  },
  heading: {
    ...typographyStyles.title1,
    margin: "0",
    color: tokens.colorNeutralForeground1,
    // The heading receives focus programmatically after a change of page; it is not a control.
    ":focus": { outlineStyle: "none" },
    ":focus-visible": {
      outlineWidth: tokens.strokeWidthThick,
      outlineStyle: "solid",
      outlineColor: tokens.colorStrokeFocus2,
    },
  },
  lead: {
    margin: "0",
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    maxWidth: "70ch",
  },
});
