import { usePlainTextStyles } from "./PlainText.styles.js";

export interface PlainTextProps {
  text: string;
  id?: string;
}

/**
 * Text a person wrote, shown exactly as given: never parsed as HTML or Markdown, with line breaks kept.
 * React escapes it; CSS keeps the breaks.
 */
export function PlainText({ text, id }: PlainTextProps) {
  const styles = usePlainTextStyles();
  return (
    <p id={id} className={styles.text}>
      {text}
    </p>
  );
}
