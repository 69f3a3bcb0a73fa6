export type CartResult =
  | { ok: true; items: unknown[] }
  | { ok: false; reason: string };

/**
 * Shopify's AJAX Cart API: POST {root}cart/add.js with {items:[{id, quantity}]}. On success Shopify answers the
 * added line items; on failure 422 with {status, message, description}, where description is shopper-readable.
 */
export async function addToCart(
  fetchFn: typeof fetch,
  cartRoot: string,
  variantId: number,
  quantity = 1,
): Promise<CartResult> {
  try {
    const response = await fetchFn(`${cartRoot}cart/add.js`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-Requested-With": "XMLHttpRequest" },
      body: JSON.stringify({ items: [{ id: variantId, quantity }] }),
      credentials: "same-origin",
    });
    const body = (await response.json().catch(() => null)) as
      | { items?: unknown[]; description?: unknown; message?: unknown }
      | null;
    if (response.ok) return { ok: true, items: Array.isArray(body?.items) ? body.items : [] };
    const reason =
      typeof body?.description === "string" && body.description
        ? body.description
        : typeof body?.message === "string" && body.message
          ? body.message
          : `HTTP ${response.status}`;
    return { ok: false, reason };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : "network error" };
  }
}

/** Lets the theme refresh its cart drawer/count; themes differ, so the event name is a setting. */
export function announceCartChange(target: EventTarget, eventName: string, items: unknown[]): void {
  const name = eventName.trim() || "cart:updated";
  target.dispatchEvent(
    new CustomEvent(name, { bubbles: true, detail: { items, source: "conversational-commerce" } }),
  );
}

/** The storefront's root (e.g. "/fr/" on a translated storefront), as Shopify exposes it to scripts. */
export function storefrontRoot(win: Window & { Shopify?: { routes?: { root?: unknown } } }, override?: string | null): string {
  const root = override || (typeof win.Shopify?.routes?.root === "string" ? win.Shopify.routes.root : "/");
  return root.endsWith("/") ? root : root + "/";
}
