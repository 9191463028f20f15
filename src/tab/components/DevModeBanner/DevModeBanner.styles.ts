import { makeStyles } from "@fluentui/react-components";

export const useDevModeBannerStyles = makeStyles({
  bar: {
    width: "100%",
  },
});
