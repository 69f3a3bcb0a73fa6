import type { HistoryMessage, Reply, Role } from "./protocol";

export type DeliveryStatus = "sent" | "sending" | "failed";

/** One line of the conversation as the panel shows it. */
export interface ViewMessage {
  /** Stable across the optimistic → confirmed transition: the client id when the shopper wrote it, else the seq. */
  key: string;
  seq: number | null;
  role: Role;
  channel: string;
  text: string;
  createdAt: string;
  reply: Reply | null;
  status: DeliveryStatus;
  errorCode?: string;
}

/**
 * The conversation as known to this tab: messages confirmed by the server (ordered by seq) and the shopper's
 * own messages not confirmed yet. Messages arrive several ways — live events, history replay after a reconnect,
 * other tabs — so merging is idempotent: one seq or one clientMessageId is one line, whatever the order.
 */
export class MessageStore {
  private readonly confirmed = new Map<number, ViewMessage>();
  private readonly pending = new Map<string, ViewMessage>();
  private readonly confirmedClientIds = new Set<string>();
  private maxSeq = 0;

  get lastSeq(): number {
    return this.maxSeq;
  }

  get size(): number {
    return this.confirmed.size + this.pending.size;
  }

  /** Shows the shopper's message at once, before the server has it. */
  addPending(clientMessageId: string, text: string, createdAt: string): void {
    if (this.confirmedClientIds.has(clientMessageId) || this.pending.has(clientMessageId)) return;
    this.pending.set(clientMessageId, {
      key: clientMessageId,
      seq: null,
      role: "shopper",
      channel: "widget",
      text,
      createdAt,
      reply: null,
      status: "sending",
    });
  }

  setPendingStatus(clientMessageId: string, status: DeliveryStatus, errorCode?: string): boolean {
    const message = this.pending.get(clientMessageId);
    if (!message) return false;
    message.status = status;
    if (errorCode === undefined) delete message.errorCode;
    else message.errorCode = errorCode;
    return true;
  }

  isConfirmed(clientMessageId: string): boolean {
    return this.confirmedClientIds.has(clientMessageId);
  }

  isPending(clientMessageId: string): boolean {
    return this.pending.has(clientMessageId);
  }

  pendingText(clientMessageId: string): string | undefined {
    return this.pending.get(clientMessageId)?.text;
  }

  removePending(clientMessageId: string): boolean {
    return this.pending.delete(clientMessageId);
  }

  /** Adds server messages; returns the ones that were new (in seq order). Duplicates and malformed items are ignored. */
  merge(messages: readonly HistoryMessage[]): ViewMessage[] {
    const added: ViewMessage[] = [];
    const sorted = messages.filter(isHistoryMessage).sort((a, b) => a.seq - b.seq);
    for (const m of sorted) {
      if (this.confirmed.has(m.seq)) continue;
      const clientId = m.clientMessageId ?? null;
      if (clientId !== null && this.confirmedClientIds.has(clientId)) continue;
      const view: ViewMessage = {
        key: clientId ?? `s${m.seq}`,
        seq: m.seq,
        role: m.role,
        channel: m.channel ?? "widget",
        text: m.text ?? "",
        createdAt: m.createdAt,
        reply: m.reply ?? null,
        status: "sent",
      };
      if (clientId !== null) {
        this.pending.delete(clientId);
        this.confirmedClientIds.add(clientId);
      }
      this.confirmed.set(m.seq, view);
      if (m.seq > this.maxSeq) this.maxSeq = m.seq;
      added.push(view);
    }
    return added;
  }

  /** Confirmed messages by seq, then the shopper's unconfirmed ones in the order written. */
  list(): ViewMessage[] {
    const confirmed = [...this.confirmed.values()].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
    return [...confirmed, ...this.pending.values()];
  }

  /** The newest confirmed message, e.g. to know whether the assistant has answered yet. */
  latest(): ViewMessage | undefined {
    return this.confirmed.get(this.maxSeq);
  }
}

function isHistoryMessage(value: unknown): value is HistoryMessage {
  if (typeof value !== "object" || value === null) return false;
  const m = value as Partial<HistoryMessage>;
  return typeof m.seq === "number" && Number.isFinite(m.seq) && typeof m.role === "string";
}
