/** "data, evaluation, data" → ["data", "evaluation"]: a comma-separated entry as a list, blanks and repeats dropped. */
export function splitList(text: string): string[] {
  return [...new Set(text.split(",").map((t) => t.trim()).filter(Boolean))];
}
