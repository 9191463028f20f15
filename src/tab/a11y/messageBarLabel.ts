/**
 * A Fluent MessageBar is a `group` labelled by its MessageBarTitle: it always sets `aria-labelledby` to the title's
 * id, title or not. Most of our bars ("Your profile is saved.", "Teams link pending…", a failed action) have only a
 * body, so that reference named an element that does not exist — axe's `aria-valid-attr-value`, and an unnamed
 * group with a broken reference for a screen reader. Every MessageBar passes through this (FluentProvider's custom
 * style hook for MessageBar, the one place each bar's state can be adjusted before it renders): a bar without a
 * title drops the reference; one with a title, or labelled explicitly by its author, keeps its label.
 */
import { MessageBarTitle, type MessageBarState } from "@fluentui/react-components";
import { Children, isValidElement, type ReactNode } from "react";

/** Does `node` hold a MessageBarTitle (directly, or inside elements written in the same JSX, e.g. MessageBarBody)? */
function holdsTitle(node: ReactNode): boolean {
  let found = false;
  Children.forEach(node, (child) => {
    if (found || !isValidElement<{ children?: ReactNode }>(child)) return;
    found = child.type === MessageBarTitle || holdsTitle(child.props.children);
  });
  return found;
}

export function labelMessageBarByTitleOnly(state: unknown): void {
  const bar = state as MessageBarState;
  if (bar.root["aria-labelledby"] === bar.titleId && !holdsTitle(bar.root.children)) delete bar.root["aria-labelledby"];
}
