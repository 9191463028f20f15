import { makeStyles, tokens, typographyStyles } from "@fluentui/react-components";

export const useCommunityAboutStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalL },
  section: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  heading: {
    ...typographyStyles.subtitle1,
    margin: "0",
  },
  subheading: {
    ...typographyStyles.subtitle2,
    margin: `${tokens.spacingVerticalS} 0 0`,
  },
});
