import { Link, MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { useEffect, useRef, type MouseEvent } from "react";
import { useErrorSummaryStyles } from "./ErrorSummary.styles.js";

export interface ErrorSummaryItem {
  /** Id of the control (or group) the problem belongs to. */
  target: string;
  label: string;
  message: string;
}

export interface ErrorSummaryProps {
  title: string;
  items: readonly ErrorSummaryItem[];
  /** A problem that belongs to no field. */
  general?: string;
  /** Changes each time the form is submitted, so focus returns to the summary. */
  attempt: number;
}

/** Focus the control itself, or the first control inside a group (a radio group, a fieldset). */
function focusTarget(id: string): void {
  const el = document.getElementById(id);
  if (!el) return;
  const control = el.matches("input, textarea, select, button") ? el : el.querySelector<HTMLElement>("input, textarea, select, button");
  (control ?? el).focus();
}

/** After a failed submit: what is wrong, announced and focused, each linking to its field. */
export function ErrorSummary({ title, items, general, attempt }: ErrorSummaryProps) {
  const styles = useErrorSummaryStyles();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [attempt]);
  const go = (target: string) => (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    focusTarget(target);
  };
  return (
    <div ref={ref} tabIndex={-1} className={styles.root}>
      <MessageBar intent="error" layout="multiline" role="alert">
        <MessageBarBody>
          <MessageBarTitle>{title}</MessageBarTitle>
          {general ? <p className={styles.general}>{general}</p> : null}
          {items.length > 0 ? (
            <ul className={styles.list}>
              {items.map((item) => (
                <li key={item.target}>
                  <Link href={`#${item.target}`} onClick={go(item.target)}>
                    {item.label}: {item.message}
                  </Link>
                </li>
              ))}
            </ul>
          ) : null}
        </MessageBarBody>
      </MessageBar>
    </div>
  );
}
