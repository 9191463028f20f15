/**
 * jsdom has no ResizeObserver; Fluent's MessageBar uses one to decide when to wrap. Tests that render a
 * MessageBar with the automatic layout import this first. Layout never changes in jsdom, so it never fires.
 */
class InertResizeObserver {
  observe(): void {
    // jsdom does no layout: nothing to observe
  }
  unobserve(): void {
    // nothing observed
  }
  disconnect(): void {
    // nothing observed
  }
}

globalThis.ResizeObserver ??= InertResizeObserver as unknown as typeof ResizeObserver;
if (typeof window !== "undefined") window.ResizeObserver ??= globalThis.ResizeObserver;
export {};
