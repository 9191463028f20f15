import { makeStyles, tokens } from "@fluentui/react-components";

export const useProseStyles = makeStyles({
  prose: {
    maxWidth: "70ch",
    color: tokens.colorNeutralForeground1,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase400,
    "& h2": {
      margin: `${tokens.spacingVerticalL} 0 ${tokens.spacingVerticalXS}`,
      fontSize: tokens.fontSizeBase500,
      lineHeight: tokens.lineHeightBase500,
      fontWeight: tokens.fontWeightSemibold,
    },
    "& p": { margin: `0 0 ${tokens.spacingVerticalM}` },
    "& ul": { margin: `0 0 ${tokens.spacingVerticalM}`, paddingInlineStart: tokens.spacingHorizontalXL },
    "& li": { marginBlockEnd: tokens.spacingVerticalXS },
  },
});
