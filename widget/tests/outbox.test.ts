import { describe, expect, it } from "vitest";
import { Outbox } from "../src/model/outbox";
import { MemoryStorage } from "./fakes";

const at = (iso: string) => () => Date.parse(iso);

describe("Outbox", () => {
  it("keeps unacknowledged sends in the order written and forgets acknowledged ones", () => {
    const outbox = new Outbox(null, "k");
    outbox.enqueue("a", "one", "2026-11-30T12:00:00Z");
    outbox.enqueue("b", "two", "2026-11-30T12:00:01Z");
    outbox.enqueue("a", "one again", "2026-11-30T12:00:02Z");
    expect(outbox.pending().map((i) => i.clientMessageId)).toEqual(["a", "b"]);
    expect(outbox.remove("a")).toBe(true);
    expect(outbox.pending().map((i) => i.text)).toEqual(["two"]);
  });

  it("survives a reload through storage with the same client ids", () => {
    const storage = new MemoryStorage();
    const first = new Outbox(storage, "cc:k:outbox", at("2026-11-30T12:01:00Z"));
    first.enqueue("a", "one", "2026-11-30T12:00:00Z");
    first.markAttempt("a");
    const reloaded = new Outbox(storage, "cc:k:outbox", at("2026-11-30T12:01:00Z"));
    expect(reloaded.pending()).toEqual([{ clientMessageId: "a", text: "one", createdAt: "2026-11-30T12:00:00Z", attempts: 1 }]);
    reloaded.remove("a");
    expect(storage.getItem("cc:k:outbox")).toBeNull();
  });

  it("drops entries older than half an hour rather than sending them out of context", () => {
    const storage = new MemoryStorage();
    new Outbox(storage, "k", at("2026-11-30T12:00:00Z")).enqueue("old", "stale", "2026-11-30T11:00:00Z");
    new Outbox(storage, "k", at("2026-11-30T12:00:00Z")).enqueue("new", "fresh", "2026-11-30T11:55:00Z");
    expect(new Outbox(storage, "k", at("2026-11-30T12:00:00Z")).pending().map((i) => i.clientMessageId)).toEqual(["new"]);
  });

  it("treats unreadable storage as empty", () => {
    const storage = new MemoryStorage();
    storage.setItem("k", "{not json");
    expect(new Outbox(storage, "k").pending()).toEqual([]);
    storage.setItem("k", JSON.stringify([{ clientMessageId: 1 }, "x"]));
    expect(new Outbox(storage, "k").pending()).toEqual([]);
  });

  it("keeps working when storage throws (private mode)", () => {
    const throwing = { getItem: () => { throw new Error("blocked"); }, setItem: () => { throw new Error("full"); }, removeItem: () => { throw new Error("x"); } };
    const outbox = new Outbox(throwing, "k");
    outbox.enqueue("a", "one", new Date().toISOString());
    expect(outbox.has("a")).toBe(true);
  });
});
