// @vitest-environment jsdom
import "../testing/resizeObserver.js";
import { FluentProvider, MessageBar, MessageBarBody, MessageBarTitle, webLightTheme } from "@fluentui/react-components";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { ConfirmDialog } from "../components/ConfirmDialog/ConfirmDialog.js";
import { keepOutsideOfModalsInert } from "./inertOutsideModal.js";
import { labelMessageBarByTitleOnly } from "./messageBarLabel.js";

afterEach(cleanup);

const inApp = (children: ReactNode) => (
  <FluentProvider theme={webLightTheme} customStyleHooks_unstable={{ useMessageBarStyles_unstable: labelMessageBarByTitleOnly }}>
    {children}
  </FluentProvider>
);

describe("message bars", () => {
  it("a bar without a title references no label; a titled bar is labelled by its title; an explicit label stays", () => {
    render(
      inApp(
        <>
          <MessageBar intent="success" data-testid="plain">
            <MessageBarBody>Your profile is saved.</MessageBarBody>
          </MessageBar>
          <MessageBar intent="info" data-testid="titled">
            <MessageBarBody>
              <MessageBarTitle>Awaiting approval</MessageBarTitle>A platform owner will look at it.
            </MessageBarBody>
          </MessageBar>
          <span id="elsewhere">Teams</span>
          <MessageBar intent="error" aria-labelledby="elsewhere" data-testid="explicit">
            <MessageBarBody>It failed.</MessageBarBody>
          </MessageBar>
        </>,
      ),
    );
    expect(screen.getByTestId("plain").hasAttribute("aria-labelledby")).toBe(false);
    const titled = screen.getByTestId("titled").getAttribute("aria-labelledby");
    expect(titled && document.getElementById(titled)?.textContent).toBe("Awaiting approval");
    expect(screen.getByTestId("explicit").getAttribute("aria-labelledby")).toBe("elsewhere");
  });
});

describe("an open modal dialog", () => {
  it("leaves what it hides inert, its focus sentinels too, and releases them when it closes", async () => {
    const stop = keepOutsideOfModalsInert(document);
    try {
      const { container } = render(
        inApp(
          <>
            <a href="/communities">Communities</a>
            <ConfirmDialog triggerLabel="Leave" title="Leave Service Design CoP?" confirmLabel="Leave community" onConfirm={async () => undefined} />
          </>,
        ),
      );
      const trigger = screen.getByRole("button", { name: "Leave" });
      trigger.focus();
      fireEvent.click(trigger);
      await screen.findByRole("dialog", { name: "Leave Service Design CoP?" });
      await waitFor(() => expect(container.getAttribute("aria-hidden")).toBe("true"));
      await waitFor(() => expect(container.hasAttribute("inert")).toBe(true));
      const sentinels = [...document.querySelectorAll("[data-tabster-dummy]")];
      expect(sentinels.every((s) => s.hasAttribute("inert"))).toBe(true);
      // Nothing hidden from assistive technology can take focus: every aria-hidden element with focusable content is inert.
      for (const hidden of document.querySelectorAll('[aria-hidden="true"]')) {
        if (hidden.matches("[tabindex], a[href]") || hidden.querySelector("[tabindex]:not([tabindex='-1']), a[href], button")) expect(hidden.closest("[inert]"), hidden.outerHTML.slice(0, 80)).not.toBeNull();
      }

      fireEvent.keyDown(screen.getByRole("dialog"), { key: "Escape" });
      await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
      await waitFor(() => expect(document.querySelector("[inert]")).toBeNull());
      await waitFor(() => expect(document.activeElement).toBe(trigger));
    } finally {
      stop();
    }
  });
});
