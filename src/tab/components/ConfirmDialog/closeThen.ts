import type { RefObject } from "react";
import { flushSync } from "react-dom";

/** What a dialog's action may resolve with: nothing, or the change to make once the dialog has closed. */
export type AfterClose = void | (() => void);

/**
 * Close the dialog first, then apply the action's result, then put focus back on the button that opened
 * it (or on the page's main region when that button has gone with the change). Order matters: a Fluent
 * dialog taken out of the page while still open (its row deleted, its page left) leaves the rest of the
 * app marked aria-hidden, so the change that may remove it waits until it has closed.
 */
export function closeThen(close: () => void, after: AfterClose, trigger: RefObject<HTMLElement | null>): void {
  flushSync(close);
  setTimeout(() => {
    if (typeof after === "function") flushSync(after);
    setTimeout(() => {
      const button = trigger.current;
      (button?.isConnected ? button : document.getElementById("main"))?.focus();
    }, 0);
  }, 0);
}

/** After Cancel or Escape: focus back on the button that opened the dialog. */
export function focusBack(trigger: RefObject<HTMLElement | null>): void {
  setTimeout(() => trigger.current?.focus(), 0);
}
