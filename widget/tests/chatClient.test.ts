import { afterEach, describe, expect, it, vi } from "vitest";
import type { ViewMessage } from "../src/model/messageStore";
import type { HistoryMessage } from "../src/model/protocol";
import { ChatClient, type ChatNotice, type ConnectionState } from "../src/net/chatClient";
import { FakeHub, MemoryStorage, flush, hubFactoryFor, message, session, sessionFetch } from "./fakes";

interface Harness {
  client: ChatClient;
  hubs: FakeHub[];
  storage: MemoryStorage;
  bodies: any[];
  requests: { url: string; credentials: RequestCredentials | undefined }[];
  notices: (ChatNotice | null)[];
  states: ConnectionState[];
  typing: boolean[];
  lists: ViewMessage[][];
}

function harness(options: {
  history?: HistoryMessage[];
  configure?: (hub: FakeHub) => void;
  sessions?: (ReturnType<typeof session> | number)[];
  storage?: MemoryStorage;
  timeoutMs?: number;
  proxyPath?: string;
} = {}): Harness {
  const hubs: FakeHub[] = [];
  const storage = options.storage ?? new MemoryStorage();
  const { fetch, bodies, requests } = sessionFetch(options.sessions ?? [session()]);
  const notices: (ChatNotice | null)[] = [];
  const states: ConnectionState[] = [];
  const typing: boolean[] = [];
  const lists: ViewMessage[][] = [];
  let n = 0;
  const server: HistoryMessage[] = [...(options.history ?? [])];
  const client = new ChatClient(
    {
      apiBase: "https://app.example",
      widgetKey: "wk_test",
      locale: "en",
      storage,
      fetch,
      hubFactory: hubFactoryFor(hubs, (hub) => {
        hub.responders.History = (arg: { afterSeq: number }) => server.filter((m) => m.seq > arg.afterSeq);
        hub.responders.Send = (arg: { clientMessageId: string }) => ({ clientMessageId: arg.clientMessageId, accepted: true });
        options.configure?.(hub);
      }),
      proxyPath: options.proxyPath ?? null,
      uuid: () => `cid-${++n}`,
      timeoutMs: options.timeoutMs ?? 15000,
    },
    {
      onMessages: (list) => lists.push(list),
      onState: (s) => states.push(s),
      onTyping: (on) => typing.push(on),
      onNotice: (value) => notices.push(value),
      onSession: () => undefined,
    },
  );
  return { client, hubs, storage, bodies, requests, notices, states, typing, lists };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("ChatClient connection", () => {
  it("opens a session, connects with the visitor token and replays the history", async () => {
    const h = harness({ history: [message(1), message(2, { role: "shopper", clientMessageId: "old" })] });
    await h.client.start();
    expect(h.bodies[0]).toEqual({ widgetKey: "wk_test", visitorId: null, visitorToken: null, loggedInCustomer: null, locale: "en" });
    expect(h.hubs[0]?.url).toBe("https://app.example/hubs/chat");
    expect(h.hubs[0]?.token()).toBe("token-1");
    expect(h.client.store.list().map((m) => m.seq)).toEqual([1, 2]);
    expect(h.client.connectionState).toBe("connected");
    expect(JSON.parse(h.storage.getItem("cc:wk_test:visitor")!)).toEqual({ visitorId: "v-1", visitorToken: "token-1" });
  });

  it("sends the stored visitor id and token on the next page load", async () => {
    const storage = new MemoryStorage();
    storage.setItem("cc:wk_test:visitor", JSON.stringify({ visitorId: "v-1", visitorToken: "token-1" }));
    const h = harness({ storage });
    await h.client.start();
    expect(h.bodies[0]).toMatchObject({ visitorId: "v-1", visitorToken: "token-1" });
  });

  it("asks for a fresh session once when the stored token is refused", async () => {
    const storage = new MemoryStorage();
    storage.setItem("cc:wk_test:visitor", JSON.stringify({ visitorId: "v-1", visitorToken: "expired" }));
    const h = harness({ storage, sessions: [401, session({ visitorToken: "token-2" })] });
    await h.client.start();
    expect(h.bodies.map((b) => b.visitorToken)).toEqual(["expired", null]);
    expect(h.hubs[0]?.token()).toBe("token-2");
  });

  it("opens the session of a logged-in customer through the storefront's app proxy, with its cookies", async () => {
    const storage = new MemoryStorage();
    storage.setItem("cc:wk_test:visitor", JSON.stringify({ visitorId: "v-1", visitorToken: "token-1" }));
    const h = harness({ storage, proxyPath: "/apps/chat/" });
    await h.client.start();
    expect(h.requests).toEqual([{ url: "/apps/chat/session", credentials: "same-origin" }]);
    expect(h.bodies[0]).toEqual({ visitorToken: "token-1", locale: "en" });
    expect(h.client.connectionState).toBe("connected");
  });

  it("chats anonymously when the app proxy refuses the session", async () => {
    const h = harness({ proxyPath: "/apps/chat", sessions: [401, session({ visitorToken: "anon" })] });
    await h.client.start();
    expect(h.requests.map((r) => [r.url, r.credentials])).toEqual([
      ["/apps/chat/session", "same-origin"],
      ["https://app.example/api/widget/session", "omit"],
    ]);
    expect(h.hubs[0]?.token()).toBe("anon");
  });

  it("after a reconnect asks only for messages after the last seq and merges without duplicates", async () => {
    const server = [message(1), message(2)];
    const h = harness({ history: server });
    await h.client.start();
    const hub = h.hubs[0]!;
    hub.drop();
    expect(h.client.connectionState).toBe("reconnecting");
    // Missed while offline: 3 and 4; the live event for 4 also arrives after the reconnect.
    hub.responders.History = (arg: { afterSeq: number }) => [message(1), message(2), message(3), message(4)].filter((m) => m.seq > arg.afterSeq);
    hub.restore();
    await flush();
    hub.emit("message", message(4));
    expect(hub.calls("History").at(-1)).toEqual([{ afterSeq: 2 }]);
    expect(h.client.store.list().map((m) => m.seq)).toEqual([1, 2, 3, 4]);
  });

  it("goes offline with a retry after the automatic reconnect gives up, and reconnects on retry", async () => {
    const h = harness();
    await h.client.start();
    h.hubs[0]!.close();
    expect(h.client.connectionState).toBe("offline");
    const notice = h.notices.at(-1)!;
    expect(notice.code).toBe("offline");
    notice.retry!();
    await flush(30);
    expect(h.hubs).toHaveLength(2);
    expect(h.client.connectionState).toBe("connected");
  });
});

describe("ChatClient sending", () => {
  it("sends with a client message id and shows the message at once", async () => {
    const h = harness();
    await h.client.start();
    const result = h.client.send("  a gift for my mum  ");
    expect(result).toEqual({ ok: true, clientMessageId: "cid-1" });
    expect(h.client.store.list()).toMatchObject([{ key: "cid-1", text: "a gift for my mum", role: "shopper" }]);
    await flush();
    expect(h.hubs[0]!.calls("Send")).toEqual([[{ clientMessageId: "cid-1", text: "a gift for my mum" }]]);
    expect(h.client.outbox.pending()).toEqual([]);
  });

  it("retries unacknowledged sends after the reconnect with the same client id, in order", async () => {
    const h = harness();
    await h.client.start();
    const hub = h.hubs[0]!;
    hub.drop();
    h.client.send("first");
    h.client.send("second");
    await flush();
    expect(h.client.outbox.pending().map((i) => i.clientMessageId)).toEqual(["cid-1", "cid-2"]);
    hub.restore();
    await flush(30);
    expect(hub.calls("Send")).toEqual([
      [{ clientMessageId: "cid-1", text: "first" }],
      [{ clientMessageId: "cid-2", text: "second" }],
    ]);
    expect(h.client.outbox.pending()).toEqual([]);
  });

  it("does not send again a message the history shows the server already stored", async () => {
    const h = harness();
    await h.client.start();
    const hub = h.hubs[0]!;
    let sends = 0;
    hub.responders.Send = () => {
      sends++;
      hub.drop(); // the server got it but the connection died before the ack
      return new Promise(() => undefined);
    };
    h.client.send("did it arrive?");
    await flush();
    hub.responders.History = () => [message(1, { role: "shopper", clientMessageId: "cid-1", text: "did it arrive?" })];
    hub.responders.Send = (arg: { clientMessageId: string }) => {
      sends++;
      return { clientMessageId: arg.clientMessageId, accepted: true };
    };
    hub.restore();
    await flush(30);
    expect(sends).toBe(1);
    expect(h.client.store.list()).toMatchObject([{ seq: 1, key: "cid-1", status: "sent" }]);
  });

  it("resends after a reload what was typed but never acknowledged", async () => {
    const storage = new MemoryStorage();
    const first = harness({ storage });
    first.client.send("typed before reload"); // never connected
    await first.client.dispose();
    const second = harness({ storage });
    expect(second.client.store.list()).toMatchObject([{ key: "cid-1", status: "sending" }]);
    await second.client.start();
    await flush(30);
    expect(second.hubs[0]!.calls("Send")).toEqual([[{ clientMessageId: "cid-1", text: "typed before reload" }]]);
  });

  it("refuses an over-long message politely without sending it", async () => {
    const h = harness();
    await h.client.start();
    expect(h.client.send("x".repeat(2001))).toEqual({ ok: false, code: "too_long" });
    expect(h.notices.at(-1)).toEqual({ code: "too_long" });
    expect(h.client.send("   ")).toEqual({ ok: false, code: "empty" });
    expect(h.hubs[0]!.calls("Send")).toEqual([]);
  });

  it("marks a rate-limited message as not sent and retries it with the same id", async () => {
    let accept = false;
    const h = harness({
      configure: (hub) => {
        hub.responders.Send = (arg: { clientMessageId: string }) =>
          accept
            ? { clientMessageId: arg.clientMessageId, accepted: true }
            : { clientMessageId: arg.clientMessageId, accepted: false, error: { code: "rate_limited", message: "slow down" } };
      },
    });
    await h.client.start();
    h.client.send("hello");
    await flush();
    expect(h.client.store.list()[0]).toMatchObject({ status: "failed", errorCode: "rate_limited" });
    const notice = h.notices.at(-1)!;
    expect(notice.code).toBe("rate_limited");
    accept = true;
    notice.retry!();
    await flush();
    expect(h.hubs[0]!.calls("Send").map((a) => (a[0] as { clientMessageId: string }).clientMessageId)).toEqual(["cid-1", "cid-1"]);
    expect(h.client.store.list()[0]).toMatchObject({ status: "sent" });
  });

  it("renews the session on invalid_session and sends the queued message on the new connection", async () => {
    const h = harness({
      sessions: [session(), session({ visitorToken: "token-2" })],
      configure: (hub) => {
        hub.responders.Send = (arg: { clientMessageId: string }) =>
          hub.token() === "token-1"
            ? { clientMessageId: arg.clientMessageId, accepted: false, error: { code: "invalid_session" } }
            : { clientMessageId: arg.clientMessageId, accepted: true };
      },
    });
    await h.client.start();
    h.client.send("still there?");
    await flush(40);
    expect(h.hubs).toHaveLength(2);
    expect(h.hubs[0]!.stopped).toBe(true);
    expect(h.hubs[1]!.calls("Send")).toEqual([[{ clientMessageId: "cid-1", text: "still there?" }]]);
    expect(h.client.outbox.pending()).toEqual([]);
  });
});

describe("ChatClient time-outs", () => {
  it("offers a retry when the acknowledgement is slow and gives the message up only at the hard limit", async () => {
    vi.useFakeTimers();
    const h = harness({ configure: (hub) => { hub.responders.Send = () => new Promise(() => undefined); } });
    await h.client.start();
    h.client.send("anyone?");
    await vi.advanceTimersByTimeAsync(14000);
    expect(h.notices.filter(Boolean)).toEqual([]);
    await vi.advanceTimersByTimeAsync(1500);
    expect(h.notices.at(-1)?.code).toBe("timeout");
    expect(h.client.store.list()[0]).toMatchObject({ status: "sending" });
    await vi.advanceTimersByTimeAsync(60000);
    expect(h.client.store.list()[0]).toMatchObject({ status: "failed", errorCode: "timeout" });
  });

  it("clears the time-out notice when the late answer arrives after all", async () => {
    vi.useFakeTimers();
    let answer: (ack: unknown) => void = () => undefined;
    const h = harness({ configure: (hub) => { hub.responders.Send = () => new Promise((resolve) => { answer = resolve; }); } });
    await h.client.start();
    h.client.send("slow one");
    await vi.advanceTimersByTimeAsync(16000);
    expect(h.notices.at(-1)?.code).toBe("timeout");
    const hub = h.hubs[0]!;
    hub.emit("message", message(1, { role: "shopper", clientMessageId: "cid-1", text: "slow one" }));
    hub.emit("message", message(2, { text: "Here you go" }));
    answer({ clientMessageId: "cid-1", accepted: true });
    await vi.advanceTimersByTimeAsync(10);
    expect(h.notices.at(-1)).toBeNull();
    expect(h.client.store.list().map((m) => [m.seq, m.status])).toEqual([[1, "sent"], [2, "sent"]]);
  });

  it("retries a slow send with the same client id and ignores the superseded call", async () => {
    vi.useFakeTimers();
    const answers: ((ack: unknown) => void)[] = [];
    const h = harness({ configure: (hub) => { hub.responders.Send = () => new Promise((resolve) => answers.push(resolve)); } });
    await h.client.start();
    h.client.send("hello?");
    await vi.advanceTimersByTimeAsync(15500);
    h.notices.at(-1)!.retry!();
    await vi.advanceTimersByTimeAsync(10);
    const sends = h.hubs[0]!.calls("Send").map((a) => (a[0] as { clientMessageId: string }).clientMessageId);
    expect(sends).toEqual(["cid-1", "cid-1"]);
    answers[0]!({ clientMessageId: "cid-1", accepted: false, error: { code: "unavailable" } });
    await vi.advanceTimersByTimeAsync(10);
    expect(h.client.store.list()[0]?.status).toBe("sending");
    answers[1]!({ clientMessageId: "cid-1", accepted: true });
    await vi.advanceTimersByTimeAsync(10);
    expect(h.client.store.list()[0]?.status).toBe("sent");
    expect(h.client.outbox.pending()).toEqual([]);
  });

  it("does not wait for an answer that arrived before the acknowledgement", async () => {
    vi.useFakeTimers();
    const h = harness({
      configure: (hub) => {
        // Like the real hub: typing, the stored shopper message and the reply, then the ack.
        hub.responders.Send = (arg: { clientMessageId: string; text: string }) => {
          hub.emit("typing", { on: true });
          hub.emit("message", message(1, { role: "shopper", clientMessageId: arg.clientMessageId, text: arg.text }));
          hub.emit("message", message(2, { text: "Sure!" }));
          hub.emit("typing", { on: false });
          return { clientMessageId: arg.clientMessageId, accepted: true };
        };
      },
    });
    await h.client.start();
    h.client.send("hello");
    await vi.advanceTimersByTimeAsync(20000);
    expect(h.typing).toEqual([true, false]);
    expect(h.notices.filter(Boolean)).toEqual([]);
  });

  it("shows typing while the answer is awaited and never longer than the time-out", async () => {
    vi.useFakeTimers();
    const h = harness();
    await h.client.start();
    h.client.send("hello");
    await vi.advanceTimersByTimeAsync(10);
    expect(h.typing).toEqual([true]);
    await vi.advanceTimersByTimeAsync(15000);
    expect(h.typing).toEqual([true, false]);
    expect(h.notices.at(-1)?.code).toBe("timeout");
  });

  it("clears typing and the time-out when the answer arrives", async () => {
    vi.useFakeTimers();
    const h = harness();
    await h.client.start();
    h.client.send("hello");
    await vi.advanceTimersByTimeAsync(10);
    h.hubs[0]!.emit("message", message(1, { role: "shopper", clientMessageId: "cid-1", text: "hello" }));
    h.hubs[0]!.emit("message", message(2, { role: "assistant", text: "Hi!" }));
    await vi.advanceTimersByTimeAsync(20000);
    expect(h.typing).toEqual([true, false]);
    expect(h.notices.filter((n) => n?.code === "timeout")).toEqual([]);
  });

  it("turns the server's typing indicator off by itself if the 'off' event is lost", async () => {
    vi.useFakeTimers();
    const h = harness();
    await h.client.start();
    h.hubs[0]!.emit("typing", { on: true });
    expect(h.typing).toEqual([true]);
    await vi.advanceTimersByTimeAsync(15001);
    expect(h.typing).toEqual([true, false]);
  });

  it("gives up connecting after a bounded number of attempts and says so", async () => {
    vi.useFakeTimers();
    const h = harness({ configure: (hub) => { hub.startError = new Error("refused"); } });
    const started = h.client.start();
    await vi.advanceTimersByTimeAsync(120000);
    await started;
    expect(h.hubs.length).toBe(5);
    expect(h.client.connectionState).toBe("offline");
    expect(h.notices.at(-1)?.code).toBe("offline");
  });
});

describe("ChatClient hand-offs", () => {
  it("asks the hub for the WhatsApp link and the email recap", async () => {
    const h = harness({
      configure: (hub) => {
        hub.responders.ContinueOnWhatsApp = () => ({ code: "AB12", url: "https://wa.me/15551234567?text=AB12" });
        hub.responders.EmailMeThese = () => ({ ok: true });
      },
    });
    await h.client.start();
    expect(await h.client.continueOnWhatsApp()).toEqual({ code: "AB12", url: "https://wa.me/15551234567?text=AB12" });
    expect(await h.client.emailMeThese("ann@example.com")).toEqual({ ok: true });
    expect(h.hubs[0]!.calls("EmailMeThese")).toEqual([[{ email: "ann@example.com", consent: true }]]);
  });
});
