import { describe, expect, it } from "vitest";
import { MessageStore } from "../src/model/messageStore";
import { message } from "./fakes";

describe("MessageStore", () => {
  it("orders messages by seq whatever order they arrive in", () => {
    const store = new MessageStore();
    store.merge([message(3), message(1)]);
    store.merge([message(2)]);
    expect(store.list().map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(store.lastSeq).toBe(3);
  });

  it("ignores a message whose seq it already has (live event then history replay)", () => {
    const store = new MessageStore();
    expect(store.merge([message(1), message(2)])).toHaveLength(2);
    const added = store.merge([message(2), message(3), message(1)]);
    expect(added.map((m) => m.seq)).toEqual([3]);
    expect(store.list()).toHaveLength(3);
  });

  it("replaces the optimistic shopper message by the confirmed one with the same client id, keeping its key", () => {
    const store = new MessageStore();
    store.addPending("cid-1", "red scarf", "2026-11-30T12:00:00Z");
    expect(store.list()).toMatchObject([{ key: "cid-1", seq: null, status: "sending" }]);
    store.merge([message(7, { role: "shopper", text: "red scarf", clientMessageId: "cid-1" })]);
    expect(store.list()).toEqual([expect.objectContaining({ key: "cid-1", seq: 7, status: "sent" })]);
    expect(store.isPending("cid-1")).toBe(false);
    expect(store.isConfirmed("cid-1")).toBe(true);
  });

  it("drops a second copy of a shopper message stored under another seq (same client id sent twice)", () => {
    const store = new MessageStore();
    store.merge([message(4, { role: "shopper", clientMessageId: "cid-9" })]);
    expect(store.merge([message(5, { role: "shopper", clientMessageId: "cid-9" })])).toEqual([]);
    expect(store.list()).toHaveLength(1);
  });

  it("does not re-add as pending a message the server already confirmed", () => {
    const store = new MessageStore();
    store.merge([message(1, { role: "shopper", clientMessageId: "cid-1" })]);
    store.addPending("cid-1", "again", "2026-11-30T12:00:00Z");
    expect(store.list()).toHaveLength(1);
  });

  it("lists unconfirmed messages after confirmed ones, in the order written", () => {
    const store = new MessageStore();
    store.addPending("b", "second", "2026-11-30T12:00:02Z");
    store.addPending("a", "first?", "2026-11-30T12:00:01Z");
    store.merge([message(1)]);
    expect(store.list().map((m) => m.key)).toEqual(["s1", "b", "a"]);
  });

  it("ignores malformed server items instead of breaking the list", () => {
    const store = new MessageStore();
    const added = store.merge([null, { seq: "x" }, { role: "assistant" }, message(1)] as never);
    expect(added.map((m) => m.seq)).toEqual([1]);
  });

  it("keeps the failure code of a refused message until it is retried", () => {
    const store = new MessageStore();
    store.addPending("c", "hello", "2026-11-30T12:00:00Z");
    store.setPendingStatus("c", "failed", "rate_limited");
    expect(store.list()[0]).toMatchObject({ status: "failed", errorCode: "rate_limited" });
    store.setPendingStatus("c", "sending");
    expect(store.list()[0]?.errorCode).toBeUndefined();
  });
});
