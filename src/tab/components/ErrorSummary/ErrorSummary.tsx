import { Link, MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { useEffect, useRef, type MouseEvent } from "react";
import { defineMessages, useIntl } from "../../i18n/intl.js";
import { useErrorSummaryStyles } from "./ErrorSummary.styles.js";

const m = defineMessages({
  item: {
    id: "common.errorSummary.item",
    defaultMessage: "{label}: {message}",
    description: "One problem in a form's error summary: the field's label, then what is wrong with it",
  },
});

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
  const intl = useIntl();
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
                    {intl.formatMessage(m.item, { label: item.label, message: item.message })}
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
