import type { SessionRequest, SessionResponse } from "../model/protocol";
import type { KeyValueStore } from "../model/outbox";

export interface SessionOptions {
  apiBase: string;
  widgetKey: string;
  locale: string;
  storage: KeyValueStore | null;
  fetch: typeof fetch;
  /**
   * Storefront path of the app proxy (e.g. "/apps/chat"), given when a customer is logged in. Shopify signs a
   * request through it with the shop and `logged_in_customer_id`, so the session binds to that customer; the page
   * itself cannot prove who is logged in.
   */
  proxyPath: string | null;
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
  if (options.proxyPath) {
    try {
      return await requestSession(options, stored, `${options.proxyPath.replace(/\/+$/, "")}/session`, true);
    } catch {
      // Proxy not set up or refused: chat anonymously rather than not at all.
    }
  }
  try {
    return await requestSession(options, stored, `${options.apiBase}/api/widget/session`, false);
  } catch (error) {
    if (error instanceof SessionError && (error.status === 401 || error.status === 403) && stored?.visitorToken) {
      return await requestSession(options, null, `${options.apiBase}/api/widget/session`, false);
    }
    throw error;
  }
}

async function requestSession(
  options: SessionOptions,
  stored: StoredVisitor | null,
  url: string,
  throughProxy: boolean,
): Promise<SessionResponse> {
  const body: SessionRequest | { visitorToken: string | null; locale: string } = throughProxy
    ? { visitorToken: stored?.visitorToken || null, locale: options.locale }
    : {
        widgetKey: options.widgetKey,
        visitorId: stored?.visitorId || null,
        visitorToken: stored?.visitorToken || null,
        loggedInCustomer: null,
        locale: options.locale,
      };
  const controller = typeof AbortController === "function" ? new AbortController() : null;
  const timer = controller ? setTimeout(() => controller.abort(), options.timeoutMs ?? 15000) : null;
  let response: Response;
  try {
    response = await options.fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
      // The proxy is the storefront's own origin and needs its cookies (Shopify adds the customer from them).
      credentials: throughProxy ? "same-origin" : "omit",
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
