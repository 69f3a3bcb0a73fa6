import type { HistoryMessage, SessionResponse } from "../src/model/protocol";
import type { HubFactory, HubLike } from "../src/net/hub";

type Responder = (...args: any[]) => unknown;

/**
 * An in-memory stand-in for the SignalR connection with the hub's behaviour scripted per test: it records every
 * invocation and lets the test push server events, drop and restore the connection.
 */
export class FakeHub implements HubLike {
  readonly invocations: { method: string; args: unknown[] }[] = [];
  readonly responders: Record<string, Responder> = {};
  private readonly handlers = new Map<string, ((...args: any[]) => void)[]>();
  private reconnectingHandlers: ((error?: Error) => void)[] = [];
  private reconnectedHandlers: ((id?: string) => void)[] = [];
  private closeHandlers: ((error?: Error) => void)[] = [];
  connected = false;
  private readonly outstanding = new Set<(error: unknown) => void>();
  startError: unknown = null;
  stopped = false;

  constructor(readonly url: string, readonly token: () => string) {}

  async start(): Promise<void> {
    if (this.startError) throw this.startError;
    this.connected = true;
  }

  async stop(): Promise<void> {
    this.connected = false;
    this.stopped = true;
  }

  invoke<T>(method: string, ...args: unknown[]): Promise<T> {
    this.invocations.push({ method, args });
    if (!this.connected) return Promise.reject(new Error("not connected"));
    const responder = this.responders[method];
    if (!responder) return Promise.resolve(undefined as T);
    // Like SignalR, an invocation still waiting when the connection drops is rejected.
    return new Promise<T>((resolve, reject) => {
      this.outstanding.add(reject);
      const settle = <F extends (v: any) => void>(fn: F) => (value: any) => {
        this.outstanding.delete(reject);
        fn(value);
      };
      try {
        Promise.resolve(responder(...args) as T).then(settle(resolve), settle(reject));
      } catch (error) {
        settle(reject)(error);
      }
    });
  }

  on(event: string, handler: (...args: any[]) => void): void {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
  }

  onreconnecting(handler: (error?: Error) => void): void {
    this.reconnectingHandlers.push(handler);
  }

  onreconnected(handler: (id?: string) => void): void {
    this.reconnectedHandlers.push(handler);
  }

  onclose(handler: (error?: Error) => void): void {
    this.closeHandlers.push(handler);
  }

  emit(event: string, payload: unknown): void {
    for (const handler of this.handlers.get(event) ?? []) handler(payload);
  }

  drop(): void {
    this.connected = false;
    for (const reject of [...this.outstanding]) reject(new Error("Invocation canceled due to the underlying connection being closed."));
    this.outstanding.clear();
    for (const handler of this.reconnectingHandlers) handler(new Error("connection lost"));
  }

  restore(): void {
    this.connected = true;
    for (const handler of this.reconnectedHandlers) handler("again");
  }

  close(): void {
    this.connected = false;
    for (const handler of this.closeHandlers) handler(new Error("closed"));
  }

  calls(method: string): unknown[][] {
    return this.invocations.filter((i) => i.method === method).map((i) => i.args);
  }
}

export function hubFactoryFor(hubs: FakeHub[], configure: (hub: FakeHub) => void = () => {}): HubFactory {
  return (url, token) => {
    const hub = new FakeHub(url, token);
    configure(hub);
    hubs.push(hub);
    return hub;
  };
}

export function session(overrides: Partial<SessionResponse> = {}): SessionResponse {
  return {
    visitorId: "v-1",
    visitorToken: "token-1",
    conversationId: "c-1",
    shop: { name: "Demo Store", currency: "USD", locale: "en", greeting: "Hi there", assistantName: "Ava", accentColor: "#1f6feb" },
    ...overrides,
  };
}

/** fetch that answers POST /api/widget/session with the given sessions in turn and records the bodies. */
export function sessionFetch(answers: (SessionResponse | number)[]) {
  const bodies: any[] = [];
  const requests: { url: string; credentials: RequestCredentials | undefined }[] = [];
  let index = 0;
  const fn = (async (url: string, init?: RequestInit) => {
    if (!/\/(api\/widget|apps\/chat)\/session$/.test(String(url))) return new Response("not found", { status: 404 });
    requests.push({ url: String(url), credentials: init?.credentials });
    bodies.push(JSON.parse(String(init?.body ?? "{}")));
    const answer = answers[Math.min(index++, answers.length - 1)];
    if (typeof answer === "number") return new Response("{}", { status: answer });
    return new Response(JSON.stringify(answer), { status: 200, headers: { "Content-Type": "application/json" } });
  }) as unknown as typeof fetch;
  return { fetch: fn, bodies, requests };
}

export function message(seq: number, overrides: Partial<HistoryMessage> = {}): HistoryMessage {
  return {
    id: `m-${seq}`,
    seq,
    role: "assistant",
    channel: "widget",
    text: `message ${seq}`,
    createdAt: new Date(Date.UTC(2026, 10, 30, 12, 0, seq)).toISOString(),
    ...overrides,
  };
}

export class MemoryStorage {
  readonly map = new Map<string, string>();
  getItem(key: string): string | null {
    return this.map.has(key) ? (this.map.get(key) as string) : null;
  }
  setItem(key: string, value: string): void {
    this.map.set(key, value);
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
}

export const flush = async (times = 10) => {
  for (let i = 0; i < times; i++) await Promise.resolve();
};
