import type { SessionRequest, SessionResponse } from "../model/protocol";
import type { KeyValueStore } from "../model/outbox";

export interface SessionOptions {
  apiBase: string;
  widgetKey: string;
  locale: string;
  storage: KeyValueStore | null;
  fetch: typeof fetch;
  loggedInCustomer: { id: string; signature: string } | null;
  timeoutMs?: number;
}

interface StoredVisitor {
  visitorId: string;
  visitorToken: string;
}

export class SessionError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
    this.name = "SessionError";
  }
}

export const visitorStorageKey = (widgetKey: string) => `cc:${widgetKey}:visitor`;

export function readVisitor(storage: KeyValueStore | null, widgetKey: string): StoredVisitor | null {
  if (!storage) return null;
  try {
    const raw = storage.getItem(visitorStorageKey(widgetKey));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<StoredVisitor>;
    return typeof parsed.visitorId === "string" && typeof parsed.visitorToken === "string"
      ? { visitorId: parsed.visitorId, visitorToken: parsed.visitorToken }
      : null;
  } catch {
    return null;
  }
}

export function forgetVisitorToken(storage: KeyValueStore | null, widgetKey: string): void {
  const visitor = readVisitor(storage, widgetKey);
  if (!storage || !visitor) return;
  try {
    storage.setItem(visitorStorageKey(widgetKey), JSON.stringify({ visitorId: visitor.visitorId, visitorToken: "" }));
  } catch {
    // ignore: blocked storage only costs a new visitor next time
  }
}

/**
 * POST /api/widget/session: identifies the shop by its publishable widget key and the visitor by the id and
 * signed token kept in localStorage. A refused token (expired, other shop) is dropped and one fresh session asked.
 */
export async function openSession(options: SessionOptions): Promise<SessionResponse> {
  const stored = readVisitor(options.storage, options.widgetKey);
  try {
    return await requestSession(options, stored);
  } catch (error) {
    if (error instanceof SessionError && (error.status === 401 || error.status === 403) && stored?.visitorToken) {
      return await requestSession(options, null);
    }
    throw error;
  }
}

async function requestSession(options: SessionOptions, stored: StoredVisitor | null): Promise<SessionResponse> {
  const body: SessionRequest = {
    widgetKey: options.widgetKey,
    visitorId: stored?.visitorId || null,
    visitorToken: stored?.visitorToken || null,
    loggedInCustomer: options.loggedInCustomer,
    locale: options.locale,
  };
  const controller = typeof AbortController === "function" ? new AbortController() : null;
  const timer = controller ? setTimeout(() => controller.abort(), options.timeoutMs ?? 15000) : null;
  let response: Response;
  try {
    response = await options.fetch(`${options.apiBase}/api/widget/session`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
      credentials: "omit",
      signal: controller?.signal ?? null,
    });
  } finally {
    if (timer) clearTimeout(timer);
  }
  if (!response.ok) throw new SessionError(`session refused (${response.status})`, response.status);
  const session = (await response.json()) as SessionResponse;
  if (!session || typeof session.visitorId !== "string" || typeof session.visitorToken !== "string") {
    throw new SessionError("malformed session answer", 502);
  }
  if (options.storage) {
    try {
      options.storage.setItem(
        visitorStorageKey(options.widgetKey),
        JSON.stringify({ visitorId: session.visitorId, visitorToken: session.visitorToken }),
      );
    } catch {
      // blocked storage: the conversation lasts as long as the page
    }
  }
  return session;
}

/**
 * On a real storefront the logged-in customer is proven by Shopify's app proxy: a same-origin request to the
 * proxy path reaches the app with Shopify's `logged_in_customer_id` and `signature`, and the app answers with a
 * value it signed itself. Any failure means "anonymous", never a broken widget.
 */
export async function fetchCustomerIdentity(
  proxyPath: string | null,
  customerId: string | null,
  fetchFn: typeof fetch,
): Promise<{ id: string; signature: string } | null> {
  if (!proxyPath || !customerId) return null;
  try {
    const response = await fetchFn(`${proxyPath.replace(/\/$/, "")}/identity`, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    if (!response.ok) return null;
    const body = (await response.json()) as { id?: unknown; signature?: unknown };
    return typeof body.id === "string" && typeof body.signature === "string" && body.id === customerId
      ? { id: body.id, signature: body.signature }
      : null;
  } catch {
    return null;
  }
}
