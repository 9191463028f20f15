import { makeStyles, tokens, typographyStyles } from "@fluentui/react-components";

export const useHomeStyles = makeStyles({
  badges: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
  },
  grid: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(300px, 1fr))",
    gap: tokens.spacingHorizontalL,
    alignItems: "start",
  },
  // Looks like Fluent's Card (medium): raised surface, medium radius, a border only forced colours show.
  card: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    boxSizing: "border-box",
    padding: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow4,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
  },
  sectionHeading: {
    ...typographyStyles.subtitle1,
    margin: "0",
    color: tokens.colorNeutralForeground1,
  },
  facts: {
    display: "grid",
    gridTemplateColumns: "max-content 1fr",
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    margin: "0",
  },
  term: {
    color: tokens.colorNeutralForeground2,
    fontWeight: tokens.fontWeightSemibold,
  },
  detail: {
    margin: "0",
    overflowWrap: "anywhere",
  },
  tags: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalXS,
    listStyleType: "none",
    margin: "0",
    padding: "0",
  },
  // Looks like Fluent's Tag (small, brand).
  tag: {
    ...typographyStyles.caption1,
    display: "inline-flex",
    alignItems: "center",
    boxSizing: "border-box",
    height: "20px",
    paddingBlock: "0",
    paddingInline: `calc(5px + ${tokens.spacingHorizontalXXS})`,
    whiteSpace: "nowrap",
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorBrandForeground2,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
  },
  list: {
    margin: "0",
    paddingInlineStart: tokens.spacingHorizontalXL,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
  subheading: {
    ...typographyStyles.subtitle2,
    margin: "0",
    color: tokens.colorNeutralForeground1,
  },
  note: {
    margin: "0",
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
});
