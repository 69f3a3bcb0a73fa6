import { MessageStore, type ViewMessage } from "../model/messageStore";
import { Outbox, type KeyValueStore } from "../model/outbox";
import {
  maxMessageLength,
  type EmailResult,
  type HistoryMessage,
  type SendAck,
  type SessionResponse,
  type WhatsAppHandoff,
} from "../model/protocol";
import { reconnectDelay, type HubFactory, type HubLike } from "./hub";
import { forgetVisitorToken, openSession } from "./session";

export type ConnectionState = "idle" | "connecting" | "connected" | "reconnecting" | "offline";

/** Something the shopper should be told; `retry` is offered as a button when set. */
export interface ChatNotice {
  code: string;
  retry?: () => void;
}

export interface ChatListener {
  onMessages(list: ViewMessage[], added: ViewMessage[]): void;
  onState(state: ConnectionState): void;
  onTyping(on: boolean): void;
  onNotice(notice: ChatNotice | null): void;
  onSession(session: SessionResponse): void;
}

export interface ChatClientOptions {
  apiBase: string;
  widgetKey: string;
  locale: string;
  storage: KeyValueStore | null;
  fetch: typeof fetch;
  hubFactory: HubFactory;
  /** App proxy path on the storefront, only when a customer is logged in (see openSession). */
  proxyPath: string | null;
  uuid: () => string;
  /** Client time-out for any call and for the assistant's answer; a spinner never spins longer. */
  timeoutMs?: number;
  now?: () => number;
}

export type SendResult = { ok: true; clientMessageId: string } | { ok: false; code: string };

class TimeoutError extends Error {
  constructor() {
    super("timed out");
    this.name = "TimeoutError";
  }
}

const historyPageSize = 200;
const typingThrottleMs = 3000;
const maxStartAttempts = 5;

/**
 * The widget's conversation engine room, without any DOM: session, SignalR connection with reconnects, history
 * replay, the send queue with client ids and acknowledgements, and the client-side time-outs.
 */
export class ChatClient {
  readonly store = new MessageStore();
  readonly outbox: Outbox;
  private readonly timeoutMs: number;
  private hub: HubLike | null = null;
  private session: SessionResponse | null = null;
  private state: ConnectionState = "idle";
  private starting: Promise<void> | null = null;
  private readonly hardTimeoutMs: number;
  /** Client id → generation of the call in flight; a retry starts a new generation and the old result is ignored. */
  private readonly inFlight = new Map<string, number>();
  private generation = 0;
  private notice: ChatNotice | null = null;
  private awaiting: { afterSeq: number; text: string; timer: ReturnType<typeof setTimeout> } | null = null;
  private serverTyping: { timer: ReturnType<typeof setTimeout> } | null = null;
  private lastTypingSent = 0;
  private typingShown = false;
  private disposed = false;

  constructor(
    private readonly options: ChatClientOptions,
    private readonly listener: ChatListener,
  ) {
    this.timeoutMs = options.timeoutMs ?? 15000;
    // The hub allows a turn 20 s before answering "unavailable"; past this the call is given up for good.
    this.hardTimeoutMs = Math.max(this.timeoutMs * 4, 60000);
    this.outbox = new Outbox(options.storage, `cc:${options.widgetKey}:outbox`, options.now);
    // What was typed before a reload and never acknowledged shows again, marked as sending.
    for (const item of this.outbox.pending()) this.store.addPending(item.clientMessageId, item.text, item.createdAt);
  }

  get connectionState(): ConnectionState {
    return this.state;
  }

  get currentSession(): SessionResponse | null {
    return this.session;
  }

  /** Opens the session and the connection; safe to call repeatedly. */
  start(): Promise<void> {
    if (this.disposed || this.state === "connected" || this.state === "reconnecting") return Promise.resolve();
    if (!this.starting) {
      this.starting = this.connectWithRetries().finally(() => {
        this.starting = null;
      });
    }
    return this.starting;
  }

  send(text: string): SendResult {
    const trimmed = text.trim();
    if (trimmed === "") return { ok: false, code: "empty" };
    if (trimmed.length > maxMessageLength) {
      this.showNotice({ code: "too_long" });
      return { ok: false, code: "too_long" };
    }
    const clientMessageId = this.options.uuid();
    const createdAt = new Date(this.now()).toISOString();
    this.store.addPending(clientMessageId, trimmed, createdAt);
    this.outbox.enqueue(clientMessageId, trimmed, createdAt);
    this.emitMessages([]);
    if (this.state === "connected") void this.deliver(clientMessageId);
    else void this.start();
    return { ok: true, clientMessageId };
  }

  /** Sends a failed message again with its original client id, so the server can tell a duplicate. */
  retry(clientMessageId: string): void {
    const text = this.store.pendingText(clientMessageId);
    if (text === undefined) return;
    this.outbox.enqueue(clientMessageId, text, new Date(this.now()).toISOString());
    this.store.setPendingStatus(clientMessageId, "sending");
    this.clearNotice();
    this.emitMessages([]);
    if (this.state === "connected") void this.deliver(clientMessageId, true);
    else void this.start();
  }

  /** Tells the other side the shopper is typing, at most every few seconds. */
  notifyTyping(): void {
    const now = this.now();
    if (!this.hub || this.state !== "connected" || now - this.lastTypingSent < typingThrottleMs) return;
    this.lastTypingSent = now;
    this.hub.invoke("Typing").catch(() => undefined);
  }

  async continueOnWhatsApp(): Promise<WhatsAppHandoff> {
    const hub = await this.connectedHub();
    if (!hub) return { error: { code: "unavailable" } };
    try {
      const result = await this.withTimeout(hub.invoke<WhatsAppHandoff>("ContinueOnWhatsApp"));
      return result ?? { error: { code: "unavailable" } };
    } catch (error) {
      return { error: { code: error instanceof TimeoutError ? "timeout" : "unavailable" } };
    }
  }

  async emailMeThese(email: string): Promise<EmailResult> {
    const hub = await this.connectedHub();
    if (!hub) return { ok: false, error: { code: "unavailable" } };
    try {
      const result = await this.withTimeout(hub.invoke<EmailResult>("EmailMeThese", { email, consent: true }));
      return result ?? { ok: false, error: { code: "unavailable" } };
    } catch (error) {
      return { ok: false, error: { code: error instanceof TimeoutError ? "timeout" : "unavailable" } };
    }
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.stopAwaiting();
    const hub = this.hub;
    this.hub = null;
    if (hub) await hub.stop().catch(() => undefined);
  }

  // --- connection ---------------------------------------------------------------------------

  private async connectWithRetries(): Promise<void> {
    this.setState("connecting");
    for (let attempt = 0; attempt < maxStartAttempts && !this.disposed; attempt++) {
      try {
        await this.connectOnce();
        return;
      } catch (error) {
        if (isUnauthorized(error)) {
          // The stored token expired or belongs to another shop: ask for a fresh session next round.
          forgetVisitorToken(this.options.storage, this.options.widgetKey);
          this.session = null;
        }
        if (attempt + 1 < maxStartAttempts) await delay(reconnectDelay(attempt, 0) ?? 1000);
      }
    }
    if (this.disposed) return;
    this.setState("offline");
    this.showNotice({ code: "offline", retry: () => void this.start() });
  }

  private async connectOnce(): Promise<void> {
    if (!this.session) {
      this.session = await openSession({
        apiBase: this.options.apiBase,
        widgetKey: this.options.widgetKey,
        locale: this.options.locale,
        storage: this.options.storage,
        fetch: this.options.fetch,
        proxyPath: this.options.proxyPath,
        timeoutMs: this.timeoutMs,
      });
      this.listener.onSession(this.session);
    }
    const session = this.session;
    const hub = this.options.hubFactory(`${this.options.apiBase}/hubs/chat`, () => session.visitorToken);
    this.wire(hub);
    try {
      await this.withTimeout(hub.start());
    } catch (error) {
      await hub.stop().catch(() => undefined);
      throw error;
    }
    if (this.disposed) {
      await hub.stop().catch(() => undefined);
      return;
    }
    this.hub = hub;
    await this.afterConnected();
  }

  private wire(hub: HubLike): void {
    hub.on("message", (message: HistoryMessage) => {
      if (this.hub === hub) this.receive([message]);
    });
    hub.on("typing", (payload: { on?: boolean } | undefined) => {
      if (this.hub === hub) this.setServerTyping(Boolean(payload?.on));
    });
    hub.onreconnecting(() => {
      if (this.hub === hub) this.setState("reconnecting");
    });
    hub.onreconnected(() => {
      if (this.hub === hub) void this.afterConnected();
    });
    hub.onclose(() => {
      if (this.hub !== hub || this.disposed) return;
      this.hub = null;
      this.setState("offline");
      this.showNotice({ code: "offline", retry: () => void this.start() });
    });
  }

  /** After the first connect and every reconnect: catch up on what was missed, then send what waited. */
  private async afterConnected(): Promise<void> {
    this.setState("connected");
    this.clearNotice();
    await this.syncHistory();
    await this.flushOutbox();
  }

  private async syncHistory(): Promise<void> {
    const hub = this.hub;
    if (!hub) return;
    for (let page = 0; page < 10; page++) {
      let batch: HistoryMessage[];
      try {
        batch = await this.withTimeout(hub.invoke<HistoryMessage[]>("History", { afterSeq: this.store.lastSeq }));
      } catch {
        return; // best effort: live events still arrive, the next reconnect tries again
      }
      if (!Array.isArray(batch) || batch.length === 0) return;
      const before = this.store.lastSeq;
      this.receive(batch);
      if (batch.length < historyPageSize || this.store.lastSeq === before) return;
    }
  }

  private async flushOutbox(): Promise<void> {
    for (const item of this.outbox.pending()) {
      if (this.state !== "connected") return;
      if (this.store.isConfirmed(item.clientMessageId)) {
        this.outbox.remove(item.clientMessageId); // the server had it; history just told us
        continue;
      }
      this.store.addPending(item.clientMessageId, item.text, item.createdAt);
      await this.deliver(item.clientMessageId);
    }
  }

  /**
   * Sends one queued message. The hub answers the turn before it acknowledges, so the ack may take as long as the
   * engine: after the client time-out the shopper is offered a retry (same client id, the server drops duplicates)
   * while the first call may still land; only after the hard limit is the message marked as not sent.
   */
  private async deliver(clientMessageId: string, force = false): Promise<void> {
    const hub = this.hub;
    if (!hub || (this.inFlight.has(clientMessageId) && !force)) return;
    const item = this.outbox.markAttempt(clientMessageId);
    if (!item) return;
    const generation = ++this.generation;
    this.inFlight.set(clientMessageId, generation);
    const current = () => this.inFlight.get(clientMessageId) === generation;
    this.store.setPendingStatus(clientMessageId, "sending");
    this.emitMessages([]);
    const afterSeq = this.store.lastSeq;
    const slow = setTimeout(() => {
      if (current()) this.showNotice({ code: "timeout", retry: () => this.retry(clientMessageId) });
    }, this.timeoutMs);
    try {
      const ack = await this.withTimeout(hub.invoke<SendAck>("Send", { clientMessageId, text: item.text }), this.hardTimeoutMs);
      if (!current()) return; // a retry superseded this call
      if (ack?.accepted) {
        this.outbox.remove(clientMessageId);
        this.store.setPendingStatus(clientMessageId, "sent");
        this.clearNotice("timeout");
        this.emitMessages([]);
        if (!this.answeredAfter(afterSeq)) this.awaitReply(afterSeq, item.text);
        return;
      }
      const code = ack?.error?.code ?? "generic";
      if (code === "invalid_session") {
        this.showNotice({ code });
        void this.renewSession(); // keeps the message queued; it goes out on the new connection
        return;
      }
      this.outbox.remove(clientMessageId);
      this.store.setPendingStatus(clientMessageId, "failed", code);
      this.emitMessages([]);
      const retryable = code !== "too_long" && code !== "empty";
      this.showNotice(retryable ? { code, retry: () => this.retry(clientMessageId) } : { code });
    } catch (error) {
      if (current() && error instanceof TimeoutError && this.hub === hub && this.state === "connected") {
        this.outbox.remove(clientMessageId);
        this.store.setPendingStatus(clientMessageId, "failed", "timeout");
        this.emitMessages([]);
        this.showNotice({ code: "timeout", retry: () => this.retry(clientMessageId) });
      }
      // Otherwise the connection dropped: the message stays queued and is sent again after the reconnect.
    } finally {
      clearTimeout(slow);
      if (current()) this.inFlight.delete(clientMessageId);
    }
  }

  private answeredAfter(seq: number): boolean {
    return this.store.list().some((m) => m.role !== "shopper" && (m.seq ?? 0) > seq);
  }

  private showNotice(notice: ChatNotice): void {
    this.notice = notice;
    this.listener.onNotice(notice);
  }

  /** Clears the banner; with a code, only when the banner is about that (a late answer ends a "timeout"). */
  private clearNotice(code?: string): void {
    if (!this.notice || (code !== undefined && this.notice.code !== code)) return;
    this.notice = null;
    this.listener.onNotice(null);
  }

  private async renewSession(): Promise<void> {
    forgetVisitorToken(this.options.storage, this.options.widgetKey);
    this.session = null;
    const hub = this.hub;
    this.hub = null;
    this.setState("idle");
    if (hub) await hub.stop().catch(() => undefined);
    await this.start();
  }

  private async connectedHub(): Promise<HubLike | null> {
    if (this.state !== "connected") await this.start();
    return this.state === "connected" ? this.hub : null;
  }

  // --- messages and typing -------------------------------------------------------------------

  private receive(messages: HistoryMessage[]): void {
    const added = this.store.merge(messages);
    if (added.length === 0) return;
    if (added.some((m) => m.role !== "shopper")) {
      if (this.awaiting && added.some((m) => m.role !== "shopper" && (m.seq ?? 0) > this.awaiting!.afterSeq)) {
        this.stopAwaiting();
        this.clearServerTyping();
      }
      this.clearNotice("timeout");
    }
    this.emitMessages(added);
    this.emitTyping();
  }

  /** The answer should follow the acknowledgement; if it does not within the time-out, offer to ask again. */
  private awaitReply(afterSeq: number, text: string): void {
    this.stopAwaiting();
    const timer = setTimeout(() => void this.replyTimedOut(afterSeq, text), this.timeoutMs);
    this.awaiting = { afterSeq, text, timer };
    this.emitTyping();
  }

  private async replyTimedOut(afterSeq: number, text: string): Promise<void> {
    this.awaiting = null;
    this.clearServerTyping();
    this.emitTyping();
    await this.syncHistory();
    if (!this.answeredAfter(afterSeq) && !this.disposed) {
      this.showNotice({
        code: "timeout",
        retry: () => {
          this.clearNotice();
          this.send(text);
        },
      });
    }
  }

  private stopAwaiting(): void {
    if (!this.awaiting) return;
    clearTimeout(this.awaiting.timer);
    this.awaiting = null;
  }

  private setServerTyping(on: boolean): void {
    this.clearServerTyping();
    // A lost "typing off" must not leave the dots forever.
    if (on) this.serverTyping = { timer: setTimeout(() => this.setServerTyping(false), this.timeoutMs) };
    this.emitTyping();
  }

  private clearServerTyping(): void {
    if (this.serverTyping) clearTimeout(this.serverTyping.timer);
    this.serverTyping = null;
  }

  private emitTyping(): void {
    const on = this.awaiting !== null || this.serverTyping !== null;
    if (on === this.typingShown) return;
    this.typingShown = on;
    this.listener.onTyping(on);
  }

  private emitMessages(added: ViewMessage[]): void {
    this.listener.onMessages(this.store.list(), added);
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    this.listener.onState(state);
  }

  private withTimeout<T>(promise: Promise<T>, ms: number = this.timeoutMs): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new TimeoutError()), ms);
      promise.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}

function isUnauthorized(error: unknown): boolean {
  const status = (error as { statusCode?: unknown; status?: unknown } | null)?.statusCode ?? (error as { status?: unknown } | null)?.status;
  return status === 401 || status === 403;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
