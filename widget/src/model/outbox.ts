/** A message the shopper wrote that the server has not acknowledged yet. */
export interface OutboxItem {
  clientMessageId: string;
  text: string;
  createdAt: string;
  attempts: number;
}

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const maxItems = 20;
const maxAgeMs = 30 * 60 * 1000;

/**
 * Unacknowledged sends, in the order written. They are retried after a reconnect (or a reload) with the same
 * clientMessageId, so the server can drop the ones it had already received. Kept in storage so a reload does
 * not lose what the shopper typed; entries older than half an hour are dropped rather than sent out of context.
 */
export class Outbox {
  private items: OutboxItem[] = [];

  constructor(
    private readonly storage: KeyValueStore | null,
    private readonly storageKey: string,
    private readonly now: () => number = Date.now,
  ) {
    this.items = this.load();
  }

  enqueue(clientMessageId: string, text: string, createdAt: string): void {
    if (this.items.some((i) => i.clientMessageId === clientMessageId)) return;
    this.items.push({ clientMessageId, text, createdAt, attempts: 0 });
    if (this.items.length > maxItems) this.items.splice(0, this.items.length - maxItems);
    this.save();
  }

  /** Counts one more try; returns the item, or undefined when it is no longer queued. */
  markAttempt(clientMessageId: string): OutboxItem | undefined {
    const item = this.items.find((i) => i.clientMessageId === clientMessageId);
    if (!item) return undefined;
    item.attempts += 1;
    this.save();
    return item;
  }

  remove(clientMessageId: string): boolean {
    const before = this.items.length;
    this.items = this.items.filter((i) => i.clientMessageId !== clientMessageId);
    if (this.items.length === before) return false;
    this.save();
    return true;
  }

  has(clientMessageId: string): boolean {
    return this.items.some((i) => i.clientMessageId === clientMessageId);
  }

  pending(): readonly OutboxItem[] {
    return [...this.items];
  }

  private load(): OutboxItem[] {
    if (!this.storage) return [];
    try {
      const raw = this.storage.getItem(this.storageKey);
      if (!raw) return [];
      const parsed: unknown = JSON.parse(raw);
      if (!Array.isArray(parsed)) return [];
      const oldest = this.now() - maxAgeMs;
      return parsed
        .filter(
          (i): i is OutboxItem =>
            typeof i === "object" && i !== null &&
            typeof i.clientMessageId === "string" && typeof i.text === "string" && typeof i.createdAt === "string",
        )
        .filter((i) => {
          const t = Date.parse(i.createdAt);
          return Number.isFinite(t) && t >= oldest;
        })
        .map((i) => ({ ...i, attempts: typeof i.attempts === "number" ? i.attempts : 0 }))
        .slice(-maxItems);
    } catch {
      return [];
    }
  }

  private save(): void {
    if (!this.storage) return;
    try {
      if (this.items.length === 0) this.storage.removeItem(this.storageKey);
      else this.storage.setItem(this.storageKey, JSON.stringify(this.items));
    } catch {
      // Storage full or blocked (private mode): the queue still works for this page.
    }
  }
}
