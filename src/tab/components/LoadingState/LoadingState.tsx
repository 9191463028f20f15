import { Spinner } from "@fluentui/react-components";
import { useLoadingStateStyles } from "./LoadingState.styles.js";

/** A labelled spinner; the label is what a screen reader hears (the shell's live region announces it). */
export function LoadingState({ message }: { message: string }) {
  const styles = useLoadingStateStyles();
  return (
    <div className={styles.root} aria-busy="true">
      <Spinner label={message} labelPosition="below" />
    </div>
  );
}
