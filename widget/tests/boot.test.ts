import { afterEach, describe, expect, it, vi } from "vitest";
import { readConfig } from "../src/ui/config";
import { guard } from "../src/ui/guard";
import { mountWidget } from "../src/ui/widget";
import { newUuid } from "../src/uuid";
import { flush, session } from "./fakes";

function script(attributes: Record<string, string>, src = "https://app.example/widget/chat-widget.js"): HTMLScriptElement {
  const tag = document.createElement("script");
  tag.setAttribute("src", src);
  for (const [name, value] of Object.entries(attributes)) tag.setAttribute(name, value);
  return tag;
}

describe("embed configuration", () => {
  it("reads the data attributes the app embed writes", () => {
    const config = readConfig(
      script({
        "data-widget-key": "wk_1",
        "data-api-base": "https://assistant.example.com/",
        "data-shop": "demo-store.myshopify.com",
        "data-locale": "fr",
        "data-language": "auto",
        "data-accent-color": "#ff0000",
        "data-position": "left",
        "data-greeting": "Bonjour",
        "data-launcher-label": "Aide",
        "data-cart-event": "theme:cart",
        "data-cart-root": "/fr",
        "data-customer-id": "42",
        "data-proxy-path": "/apps/chat",
      }),
      null,
    );
    expect(config).toEqual({
      widgetKey: "wk_1",
      apiBase: "https://assistant.example.com",
      shop: "demo-store.myshopify.com",
      locale: "fr",
      language: "auto",
      accentColor: "#ff0000",
      position: "left",
      greeting: "Bonjour",
      launcherLabel: "Aide",
      cartEvent: "theme:cart",
      cartRoot: "/fr",
      customerId: "42",
      proxyPath: "/apps/chat",
    });
  });

  it("uses the script's origin when no app URL is given, and defaults the rest", () => {
    const config = readConfig(script({ "data-widget-key": "wk_1", "data-api-base": "", "data-position": "top" }), "de");
    expect(config).toMatchObject({ apiBase: "https://app.example", locale: "de", position: "right", cartEvent: "cart:updated", customerId: null });
  });

  it("refuses to start without a widget key or with an app URL that is not http(s)", () => {
    expect(readConfig(script({ "data-widget-key": " " }), null)).toBeNull();
    expect(readConfig(null, null)).toBeNull();
    const hostile = readConfig(script({ "data-widget-key": "wk", "data-api-base": "javascript:alert(1)" }), null);
    expect(hostile?.apiBase).toBe("https://app.example");
    expect(readConfig(script({ "data-widget-key": "wk", "data-api-base": "javascript:alert(1)" }, "data:text/javascript,1"), null)).toBeNull();
  });
});

describe("never throwing into the page", () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it("guard swallows synchronous throws and rejected promises", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    expect(() => guard(() => { throw new Error("boom"); })()).not.toThrow();
    guard(async () => { throw new Error("later"); })();
    await flush();
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it("a broken connection layer leaves the page working and the widget usable", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    let sessions = 0;
    window.fetch = (async () => {
      sessions++;
      return new Response(JSON.stringify(session()), { status: 200 });
    }) as typeof fetch;
    const handle = mountWidget(
      { ...readConfig(script({ "data-widget-key": "wk_1" }), "en")! },
      { window: window as never, hubFactory: () => { throw new Error("no signalr"); }, uuid: () => "id", timeoutMs: 50 },
    );
    const launcher = handle.root.querySelector<HTMLElement>('[data-testid="cc-launcher"]')!;
    expect(() => launcher.click()).not.toThrow();
    const input = handle.root.querySelector<HTMLTextAreaElement>('[data-testid="cc-input"]')!;
    input.value = "hello";
    expect(() => input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }))).not.toThrow();
    expect(handle.root.querySelector('[data-testid="cc-message"]')?.getAttribute("data-status")).toBe("sending");
    await flush(20);
    expect(sessions).toBe(1); // the session worked; the failing hub factory was reached and contained
    await handle.destroy();
    warn.mockRestore();
  });
});

describe("client message ids", () => {
  it("are v4 UUIDs with or without crypto.randomUUID", () => {
    const v4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(newUuid()).toMatch(v4);
    const noRandomUuid = { getRandomValues: (a: Uint8Array) => crypto.getRandomValues(a) } as unknown as Crypto;
    const ids = new Set(Array.from({ length: 50 }, () => newUuid(noRandomUuid)));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(v4);
  });
});
