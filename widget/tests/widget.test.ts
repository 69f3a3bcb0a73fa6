import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ProductCard } from "../src/model/protocol";
import type { WidgetConfig } from "../src/ui/config";
import { mountWidget, type WidgetHandle } from "../src/ui/widget";
import { FakeHub, flush, hubFactoryFor, message, session } from "./fakes";

const baseConfig: WidgetConfig = {
  widgetKey: "wk_test",
  apiBase: "https://app.example",
  shop: "demo-store.myshopify.com",
  locale: "en-US",
  language: "auto",
  accentColor: "#1f6feb",
  position: "right",
  greeting: "Hello! Looking for a gift?",
  launcherLabel: "",
  cartEvent: "cart:updated",
  cartRoot: null,
  customerId: null,
  proxyPath: null,
};

const scarf: ProductCard = {
  productId: "p-1",
  shopifyId: 100,
  handle: "wool-scarf",
  title: "Wool scarf",
  imageUrl: "/demo-assets/products/wool-scarf.svg",
  url: "/products/wool-scarf",
  price: 40,
  compareAtPrice: 50,
  currency: "USD",
  available: true,
  reasons: ["Under your $50 budget"],
  variants: [
    { shopifyId: 1001, title: "Red", price: 40, compareAtPrice: 50, available: true, options: { Color: "Red" } },
    { shopifyId: 1002, title: "Blue", price: 45, compareAtPrice: null, available: false, options: { Color: "Blue" } },
  ],
  selectedVariantId: 1001,
};

let hubs: FakeHub[];
let handle: WidgetHandle;
let cartCalls: { url: string; body: any }[];

function mount(config: Partial<WidgetConfig> = {}, configure: (hub: FakeHub) => void = () => {}) {
  hubs = [];
  let n = 0;
  handle = mountWidget({ ...baseConfig, ...config }, {
    window: window as never,
    hubFactory: hubFactoryFor(hubs, (hub) => {
      hub.responders.History = () => [];
      hub.responders.Send = (arg: { clientMessageId: string }) => ({ clientMessageId: arg.clientMessageId, accepted: true });
      configure(hub);
    }),
    uuid: () => `cid-${++n}`,
  });
  return handle;
}

const $ = <T extends Element = HTMLElement>(testId: string) => handle.root.querySelector<T>(`[data-testid="${testId}"]`)!;
const $$ = <T extends Element = HTMLElement>(testId: string) => [...handle.root.querySelectorAll<T>(`[data-testid="${testId}"]`)];

async function openAndConnect() {
  $("cc-launcher").click();
  await flush(30);
  return hubs[0]!;
}

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  cartCalls = [];
  window.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    if (url.endsWith("/api/widget/session")) {
      return new Response(JSON.stringify(session({ shop: { ...session().shop, whatsAppNumber: "+15551234567" } })), { status: 200 });
    }
    if (url.endsWith("/cart/add.js")) {
      const body = JSON.parse(String(init?.body));
      cartCalls.push({ url, body });
      if (body.items[0].id === 9999) {
        return new Response(JSON.stringify({ status: 422, message: "Cart Error", description: "The product is already sold out." }), { status: 422 });
      }
      return new Response(JSON.stringify({ items: [{ id: body.items[0].id, quantity: 1, title: "Wool scarf - Red" }] }), { status: 200 });
    }
    return new Response("not found", { status: 404 });
  }) as typeof fetch;
});

afterEach(async () => {
  await handle?.destroy();
  delete (window as any).__pwned;
});

describe("widget shell", () => {
  it("renders in a shadow root with a labelled launcher and a closed panel", () => {
    mount();
    expect(document.querySelector("#conversational-commerce-chat")?.shadowRoot).toBe(handle.root);
    const launcher = $("cc-launcher");
    expect(launcher.getAttribute("aria-expanded")).toBe("false");
    expect(launcher.textContent).toBe("Chat with us");
    expect($("cc-panel").hidden).toBe(true);
    expect($("cc-messages").getAttribute("role")).toBe("log");
    expect($("cc-messages").getAttribute("aria-live")).toBe("polite");
    expect($("cc-greeting").textContent).toBe("Hello! Looking for a gift?");
  });

  it("moves focus into the panel on open and back to the launcher on Escape", async () => {
    mount();
    await openAndConnect();
    expect($("cc-panel").hidden).toBe(false);
    expect($("cc-launcher").getAttribute("aria-expanded")).toBe("true");
    expect(handle.root.activeElement).toBe($("cc-input"));
    $("cc-input").dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true, composed: true }));
    expect($("cc-panel").hidden).toBe(true);
    expect(handle.root.activeElement).toBe($("cc-launcher"));
  });

  it("picks readable text for the merchant's accent colour", () => {
    mount({ accentColor: "#ffd500" });
    const container = handle.root.querySelector<HTMLElement>(".cc")!;
    expect(container.style.getPropertyValue("--cc-accent")).toBe("#ffd500");
    expect(container.style.getPropertyValue("--cc-on-accent")).toBe("#000000");
  });

  it("speaks French when the setting says so, and takes the shop's name from the session", async () => {
    mount({ language: "fr" });
    expect($("cc-launcher").textContent).toBe("Discutons");
    expect($("cc-input").previousElementSibling?.textContent).toBe("Votre message");
    await openAndConnect();
    expect(handle.root.querySelector("#cc-title")?.textContent).toBe("Ava");
    expect($("cc-subtitle").textContent).toBe("Demo Store");
  });
});

describe("messages", () => {
  it("renders hostile shopper and catalog text as text, never as markup", async () => {
    mount();
    const hub = await openAndConnect();
    const payload = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`;
    hub.emit("message", message(1, { role: "shopper", text: payload }));
    hub.emit("message", message(2, {
      text: `Here: <b>bold</b>`,
      reply: {
        text: "Here",
        products: [{ ...scarf, title: `<img src=y onerror="window.__pwned=3">`, reasons: ["<i>x</i>"], url: "javascript:window.__pwned=4", imageUrl: "javascript:alert(1)" }],
        quickReplies: [`<svg onload="window.__pwned=5">`],
      },
    }));
    await flush();
    const messages = $$("cc-message");
    expect(messages[0]!.textContent).toContain(payload);
    for (const area of [$("cc-messages"), $("cc-quick-replies")]) {
      expect(area.querySelector("img[src=x], img[src=y], script, b, i, svg[onload]")).toBeNull();
    }
    expect(handle.root.querySelector("script, [onerror], [onload]")).toBeNull();
    expect($("cc-product-title").textContent).toBe(`<img src=y onerror="window.__pwned=3">`);
    expect($("cc-quick-reply").textContent).toBe(`<svg onload="window.__pwned=5">`);
    const viewLink = $<HTMLAnchorElement>("cc-view-product");
    expect(viewLink.hasAttribute("href")).toBe(false);
    expect(viewLink.hidden).toBe(true);
    expect($("cc-product-card").querySelector("img")).toBeNull();
    expect((window as any).__pwned).toBeUndefined();
  });

  it("sends on Enter, keeps Shift+Enter for a new line", async () => {
    mount();
    const hub = await openAndConnect();
    const input = $<HTMLTextAreaElement>("cc-input");
    input.value = "line one";
    input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", shiftKey: true, bubbles: true }));
    await flush();
    expect(hub.calls("Send")).toEqual([]);
    input.value = "a gift for my mum";
    input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    await flush();
    expect(hub.calls("Send")).toEqual([[{ clientMessageId: "cid-1", text: "a gift for my mum" }]]);
    expect(input.value).toBe("");
    const shown = $$("cc-message");
    expect(shown).toHaveLength(1);
    expect(shown[0]!.getAttribute("data-role")).toBe("shopper");
  });

  it("shows the same message once when the server echo arrives after the optimistic one", async () => {
    mount();
    const hub = await openAndConnect();
    const input = $<HTMLTextAreaElement>("cc-input");
    input.value = "hello";
    $("cc-send").click();
    await flush();
    hub.emit("message", message(1, { role: "shopper", text: "hello", clientMessageId: "cid-1" }));
    hub.emit("message", message(1, { role: "shopper", text: "hello", clientMessageId: "cid-1" }));
    const shown = $$("cc-message");
    expect(shown).toHaveLength(1);
    expect(shown[0]!.getAttribute("data-seq")).toBe("1");
    expect(shown[0]!.getAttribute("data-status")).toBe("sent");
  });

  it("offers the latest answer's quick replies and sends the one clicked", async () => {
    mount();
    const hub = await openAndConnect();
    hub.emit("message", message(1, { text: "Who is it for?", reply: { text: "Who is it for?", quickReplies: ["My mum", "A friend"] } }));
    const chips = $$("cc-quick-reply");
    expect(chips.map((c) => c.textContent)).toEqual(["My mum", "A friend"]);
    chips[0]!.click();
    await flush();
    expect(hub.calls("Send")).toEqual([[{ clientMessageId: "cid-1", text: "My mum" }]]);
    expect($$("cc-quick-reply")).toEqual([]);
  });

  it("explains a rate limit politely and offers to try again", async () => {
    mount({}, (hub) => {
      hub.responders.Send = (arg: { clientMessageId: string }) => ({ clientMessageId: arg.clientMessageId, accepted: false, error: { code: "rate_limited" } });
    });
    await openAndConnect();
    const input = $<HTMLTextAreaElement>("cc-input");
    input.value = "hi";
    $("cc-send").click();
    await flush();
    const banner = $("cc-error");
    expect(banner.hidden).toBe(false);
    expect(banner.getAttribute("data-code")).toBe("rate_limited");
    expect(banner.textContent).toContain("Please wait a moment");
    expect($("cc-retry").hidden).toBe(false);
    expect($("cc-message").getAttribute("data-status")).toBe("failed");
  });

  it("refuses an over-long message in the shopper's language without sending it", async () => {
    mount({ language: "fr" });
    const hub = await openAndConnect();
    $<HTMLTextAreaElement>("cc-input").value = "x".repeat(2001);
    $("cc-send").click();
    await flush();
    expect($("cc-error").textContent).toContain("trop long");
    expect(hub.calls("Send")).toEqual([]);
    expect($<HTMLTextAreaElement>("cc-input").value).toHaveLength(2001);
  });

  it("shows the typing indicator while the assistant is typing", async () => {
    mount();
    const hub = await openAndConnect();
    expect($("cc-typing").hidden).toBe(true);
    hub.emit("typing", { on: true });
    expect($("cc-typing").hidden).toBe(false);
    hub.emit("typing", { on: false });
    expect($("cc-typing").hidden).toBe(true);
  });
});

describe("product cards", () => {
  async function showScarf(card: ProductCard = scarf) {
    mount();
    const hub = await openAndConnect();
    hub.emit("message", message(1, { text: "Try this", reply: { text: "Try this", products: [card] } }));
    await flush();
    return hub;
  }

  it("shows image, title, price with the compare-at price struck through, availability and links", async () => {
    await showScarf();
    const card = $("cc-product-card");
    expect(card.querySelector("img")?.getAttribute("src")).toBe("https://app.example/demo-assets/products/wool-scarf.svg");
    expect($("cc-product-title").textContent).toBe("Wool scarf");
    expect($("cc-product-price").textContent).toBe("$40.00");
    const was = $("cc-product-compare-at");
    expect(was.tagName).toBe("S");
    expect(was.hidden).toBe(false);
    expect(was.textContent).toBe("$50.00");
    expect($("cc-product-availability").textContent).toBe("In stock");
    expect($<HTMLAnchorElement>("cc-view-product").href).toBe(new URL("/products/wool-scarf", location.href).href);
  });

  it("changes price and availability with the variant picked", async () => {
    await showScarf();
    const select = $<HTMLSelectElement>("cc-variant-select");
    expect(select.getAttribute("data-option")).toBe("Color");
    expect(select.value).toBe("Red");
    select.value = "Blue";
    select.dispatchEvent(new Event("change"));
    expect($("cc-product-price").textContent).toBe("$45.00");
    expect($("cc-product-compare-at").hidden).toBe(true);
    expect($("cc-product-availability").textContent).toBe("Sold out");
    expect($<HTMLButtonElement>("cc-add-to-cart").disabled).toBe(true);
  });

  it("adds the chosen variant through /cart/add.js and tells the theme", async () => {
    await showScarf();
    const events: CustomEvent[] = [];
    const listener = (e: Event) => events.push(e as CustomEvent);
    document.addEventListener("cart:updated", listener);
    $("cc-add-to-cart").click();
    await flush(30);
    document.removeEventListener("cart:updated", listener);
    expect(cartCalls).toEqual([{ url: "/cart/add.js", body: { items: [{ id: 1001, quantity: 1 }] } }]);
    expect(events).toHaveLength(1);
    expect(events[0]!.detail).toEqual({ items: [{ id: 1001, quantity: 1, title: "Wool scarf - Red" }], source: "conversational-commerce" });
    expect($("cc-cart-confirmation").textContent).toContain("Added to your cart: Wool scarf");
  });

  it("uses the configured cart event and shows Shopify's reason when the add fails", async () => {
    mount({ cartEvent: "theme:cart:refresh" });
    const hub = await openAndConnect();
    const soldOut: ProductCard = { ...scarf, variants: [{ ...scarf.variants![0]!, shopifyId: 9999 }], selectedVariantId: 9999 };
    hub.emit("message", message(1, { text: "x", reply: { text: "x", products: [soldOut] } }));
    const fired = vi.fn();
    document.addEventListener("theme:cart:refresh", fired);
    $("cc-add-to-cart").click();
    await flush(30);
    document.removeEventListener("theme:cart:refresh", fired);
    expect(fired).not.toHaveBeenCalled();
    expect($("cc-cart-confirmation").textContent).toBe("Couldn't add this to your cart: The product is already sold out.");
  });
});

describe("hand-offs", () => {
  it("asks for consent before emailing the conversation", async () => {
    mount({}, (hub) => {
      hub.responders.EmailMeThese = () => ({ ok: true });
    });
    const hub = await openAndConnect();
    $("cc-email").click();
    expect(handle.root.activeElement).toBe($("cc-email-input"));
    $<HTMLInputElement>("cc-email-input").value = "ann@example.com";
    $("cc-email-submit").click();
    await flush();
    expect(hub.calls("EmailMeThese")).toEqual([]);
    expect($("cc-email-status").textContent).toContain("tick the box");
    $<HTMLInputElement>("cc-email-consent").checked = true;
    $("cc-email-submit").click();
    await flush(20);
    expect(hub.calls("EmailMeThese")).toEqual([[{ email: "ann@example.com", consent: true }]]);
    expect($("cc-email-status").textContent).toContain("Sent");
  });

  it("shows Continue on WhatsApp when the shop has a number and links to the wa.me url", async () => {
    mount({}, (hub) => {
      hub.responders.ContinueOnWhatsApp = () => ({ code: "K7Q2", url: "https://wa.me/15551234567?text=K7Q2" });
    });
    const opened: string[] = [];
    window.open = (() => ({ close: () => undefined, location: { set href(v: string) { opened.push(v); } } })) as never;
    await openAndConnect();
    const button = $("cc-whatsapp");
    expect(button.hidden).toBe(false);
    button.click();
    await flush(20);
    expect(opened).toEqual(["https://wa.me/15551234567?text=K7Q2"]);
    expect($<HTMLAnchorElement>("cc-whatsapp-link").href).toBe("https://wa.me/15551234567?text=K7Q2");
  });

  it("refuses a WhatsApp url that is not http(s)", async () => {
    mount({}, (hub) => {
      hub.responders.ContinueOnWhatsApp = () => ({ code: "x", url: "javascript:alert(1)" });
    });
    let closed = false;
    window.open = (() => ({ close: () => { closed = true; }, location: {} })) as never;
    await openAndConnect();
    $("cc-whatsapp").click();
    await flush(20);
    expect(closed).toBe(true);
    expect(handle.root.querySelector('[data-testid="cc-whatsapp-link"]')).toBeNull();
    expect($("cc-notice").textContent).toContain("isn't available");
  });
});
