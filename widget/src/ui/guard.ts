/** Reports a widget failure without ever throwing into the merchant's page. */
export function report(error: unknown): void {
  try {
    console.warn("[conversational-commerce chat]", error);
  } catch {
    // a page that replaced console gets nothing
  }
}

/**
 * Wraps an event handler or callback: a synchronous throw or a rejected promise is reported, never propagated.
 * Every entry point into the widget (listeners, timers, hub callbacks, boot) goes through this.
 */
export function guard<A extends unknown[]>(fn: (...args: A) => unknown): (...args: A) => void {
  return (...args: A) => {
    try {
      const result = fn(...args);
      if (result && typeof (result as Promise<unknown>).then === "function") {
        (result as Promise<unknown>).then(undefined, report);
      }
    } catch (error) {
      report(error);
    }
  };
}
