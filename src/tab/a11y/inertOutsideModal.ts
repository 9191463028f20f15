/**
 * While a modal dialog is open, what lies outside it is inert, as a native modal `<dialog>` makes it.
 *
 * Fluent's Dialog keeps focus in with Tabster's modalizer: it sets `aria-hidden="true"` on the rest of the page
 * (`#root`) and adds focus sentinels (`<i data-tabster-dummy aria-hidden="true" tabindex="0">`) around the dialog
 * and at the ends of the body. The page behind stays focusable while hidden from assistive technology, and the
 * sentinels are focusable and hidden: both are axe's `aria-hidden-focus` (WCAG 4.1.2; microsoft/tabster#288).
 * Here, whatever the modalizer hid at the top of the body, and every sentinel, is also made `inert` for as long as
 * a modal dialog is open: nothing hidden can take focus, clicks or find-in-page, and Tab moves from the dialog's
 * last control to the host's own controls and back, as with a native modal dialog (Fluent's `inertTrapFocus`).
 * Live regions the modalizer leaves visible stay so. Everything made inert here is released when no modal is open.
 */
const MODAL = '[role="dialog"][aria-modal="true"], [role="alertdialog"][aria-modal="true"]';
const SENTINEL = "[data-tabster-dummy]";

export function keepOutsideOfModalsInert(doc: Document): () => void {
  const made = new Set<Element>();

  const update = () => {
    const wanted = new Set<Element>();
    if (doc.querySelector(MODAL)) {
      for (const child of doc.body.children) {
        if (child.getAttribute("aria-hidden") === "true" && !child.querySelector(MODAL)) wanted.add(child);
      }
      for (const sentinel of doc.querySelectorAll(SENTINEL)) wanted.add(sentinel);
    }
    for (const el of made) {
      if (!wanted.has(el)) {
        el.removeAttribute("inert");
        made.delete(el);
      }
    }
    for (const el of wanted) {
      // Something already inert for another reason is left alone, and left inert when the dialog closes.
      if (!el.hasAttribute("inert")) {
        el.setAttribute("inert", "");
        made.add(el);
      }
    }
  };

  const observer = new MutationObserver(update);
  // Dialogs and sentinels come and go (childList); the modalizer hides and reveals (aria-hidden). Setting `inert`
  // is not observed, so the update does not feed itself.
  observer.observe(doc.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["aria-hidden", "aria-modal"] });
  update();
  return () => {
    observer.disconnect();
    for (const el of made) el.removeAttribute("inert");
    made.clear();
  };
}
