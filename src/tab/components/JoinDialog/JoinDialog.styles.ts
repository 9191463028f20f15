import { makeStyles, tokens, typographyStyles } from "@fluentui/react-components";

export const useJoinDialogStyles = makeStyles({
  content: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
  intro: { margin: "0" },
  code: {
    maxHeight: "40vh",
    overflowY: "auto",
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground2,
    ":focus-visible": {
      outlineWidth: tokens.strokeWidthThick,
      outlineStyle: "solid",
      outlineColor: tokens.colorStrokeFocus2,
    },
  },
  codeHeading: {
    ...typographyStyles.subtitle2,
    margin: `0 0 ${tokens.spacingVerticalS}`,
  },
});
