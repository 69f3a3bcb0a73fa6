import { accentPalette } from "../format/contrast";
import { safeUrl } from "../format/url";
import { resolveLanguage, translator, type StringKey, type Translate } from "../i18n/strings";
import type { ViewMessage } from "../model/messageStore";
import { maxMessageLength, type SessionResponse } from "../model/protocol";
import { storefrontRoot } from "../net/cart";
import { ChatClient, type ChatListener, type ChatNotice, type ConnectionState } from "../net/chatClient";
import type { HubFactory } from "../net/hub";
import type { WidgetConfig } from "./config";
import { h, icon, icons, setHref } from "./dom";
import { openEmailForm } from "./emailForm";
import { guard } from "./guard";
import { renderProductCard, type CardContext } from "./productCard";
import { styles } from "./styles";

export interface WidgetDeps {
  window: Window & typeof globalThis;
  hubFactory: HubFactory;
  uuid: () => string;
  timeoutMs?: number;
}

export interface WidgetHandle {
  open(): void;
  close(): void;
  readonly root: ShadowRoot;
  readonly client: ChatClient;
  destroy(): Promise<void>;
}

const noticeText: Record<string, StringKey> = {
  rate_limited: "errorRateLimited",
  too_long: "errorTooLong",
  empty: "errorEmpty",
  unavailable: "errorUnavailable",
  invalid_session: "errorSession",
  timeout: "errorTimeout",
  offline: "offline",
};

/** Builds the launcher and panel in a shadow root (CSS isolation both ways) and wires them to a ChatClient. */
export function mountWidget(config: WidgetConfig, deps: WidgetDeps): WidgetHandle {
  const win = deps.window;
  const doc = win.document;
  const storage = safeStorage(() => win.localStorage);
  const sessionStore = safeStorage(() => win.sessionStorage);
  const language = resolveLanguage(config.language, config.locale, doc.documentElement.lang, win.navigator?.language);
  const t: Translate = translator(language);
  const openKey = `cc:${config.widgetKey}:open`;

  const host = doc.createElement("div");
  host.id = "conversational-commerce-chat";
  host.setAttribute("data-testid", "cc-root");
  const root = host.attachShadow({ mode: "open" });
  const style = doc.createElement("style");
  style.textContent = styles;
  root.appendChild(style);

  // --- structure ------------------------------------------------------------------------------
  const launcherText = h("span", {}, config.launcherLabel || t("launcherLabel"));
  const launcher = h(
    "button",
    { type: "button", class: "launcher", "data-testid": "cc-launcher", "aria-expanded": "false", "aria-controls": "cc-panel" },
    icon(icons.chat, 22),
    launcherText,
  );
  const title = h("h2", { class: "title", id: "cc-title" }, t("panelTitle"));
  const subtitle = h("p", { class: "subtitle", "data-testid": "cc-subtitle" });
  subtitle.hidden = true;
  const closeButton = h(
    "button",
    { type: "button", class: "icon-btn", "data-testid": "cc-close", "aria-label": t("close"), title: t("close") },
    icon(icons.close, 20),
  );
  const status = h("p", { class: "status", role: "status", "data-testid": "cc-status" });
  const greetingText = h("p", { class: "bubble" }, config.greeting || t("greeting"));
  const greeting = h("div", { class: "msg greeting", "data-testid": "cc-greeting" }, greetingText);
  const log = h(
    "div",
    {
      class: "log",
      role: "log",
      "aria-live": "polite",
      "aria-relevant": "additions",
      "aria-labelledby": "cc-title",
      tabindex: "0",
      "data-testid": "cc-messages",
    },
    greeting,
  );
  const typing = h(
    "div",
    { class: "typing", "data-testid": "cc-typing" },
    h("span", { class: "dots", "aria-hidden": "true" }, h("i"), h("i"), h("i")),
    h("span", {}, t("typing")),
  );
  typing.hidden = true;
  const errorText = h("p", { class: "error-text" });
  const retryButton = h("button", { type: "button", class: "link-btn", "data-testid": "cc-retry" }, t("retry"));
  const dismissButton = h(
    "button",
    { type: "button", class: "icon-btn", "aria-label": t("dismiss"), title: t("dismiss"), "data-testid": "cc-error-dismiss" },
    icon(icons.close, 16),
  );
  dismissButton.style.width = dismissButton.style.height = "24px";
  const errorBanner = h("div", { class: "error", role: "alert", "data-testid": "cc-error" }, errorText, retryButton, dismissButton);
  errorBanner.hidden = true;
  const quick = h("div", { class: "quick", role: "group", "aria-label": t("quickReplies"), "data-testid": "cc-quick-replies" });
  const input = h("textarea", {
    id: "cc-input",
    rows: "1",
    placeholder: t("inputPlaceholder"),
    autocomplete: "off",
    enterkeyhint: "send",
    "data-testid": "cc-input",
  });
  const sendButton = h(
    "button",
    { type: "submit", class: "icon-btn send", "aria-label": t("send"), title: t("send"), "data-testid": "cc-send" },
    icon(icons.send, 20),
  );
  const composer = h(
    "form",
    { class: "composer", "data-testid": "cc-composer" },
    h("label", { for: "cc-input", class: "sr-only" }, t("inputLabel")),
    input,
    sendButton,
  );
  const whatsAppButton = h("button", { type: "button", class: "btn", "data-testid": "cc-whatsapp" }, icon(icons.whatsapp, 16), t("continueWhatsApp"));
  whatsAppButton.hidden = true;
  const emailButton = h(
    "button",
    { type: "button", class: "btn", "data-testid": "cc-email", "aria-expanded": "false", "aria-controls": "cc-email-form" },
    icon(icons.mail, 16),
    t("emailMe"),
  );
  const actions = h("div", { class: "actions" }, whatsAppButton, emailButton);
  const notice = h("p", { class: "notice", role: "status", "data-testid": "cc-notice" });
  const emailSlot = h("div", {});
  const panel = h(
    "section",
    { id: "cc-panel", class: "panel", role: "dialog", "aria-modal": "false", "aria-labelledby": "cc-title", "data-testid": "cc-panel" },
    h("header", { class: "head" }, h("div", { class: "head-text" }, title, subtitle), closeButton),
    status,
    log,
    typing,
    errorBanner,
    quick,
    notice,
    emailSlot,
    actions,
    composer,
  );
  panel.hidden = true;
  const container = h("div", { class: "cc", "data-position": config.position, "data-open": "false", lang: language }, panel, launcher);
  root.appendChild(container);
  applyAccent(config.accentColor);

  // --- state and rendering -------------------------------------------------------------------
  const rendered = new Map<string, { element: HTMLElement; meta: HTMLElement; status: string }>();
  let currency = "USD";
  const cardContext = (): CardContext => {
    const cartRoot = storefrontRoot(win as never, config.cartRoot);
    return {
      t,
      locale: config.locale || language,
      currency,
      storefrontBase: win.location.href,
      cartRoot,
      assetBase: config.apiBase + "/",
      cartEvent: config.cartEvent,
      fetch: win.fetch.bind(win),
      eventTarget: doc,
    };
  };

  const listener: ChatListener = {
    onMessages: guard((list: ViewMessage[], added: ViewMessage[]) => renderMessages(list, added)),
    onState: guard((state: ConnectionState) => renderState(state)),
    onTyping: guard((on: boolean) => {
      typing.hidden = !on;
      if (on) scrollToEnd(true);
    }),
    onNotice: guard((value: ChatNotice | null) => renderNotice(value)),
    onSession: guard((session: SessionResponse) => applySession(session)),
  };

  const client = new ChatClient(
    {
      apiBase: config.apiBase,
      widgetKey: config.widgetKey,
      locale: config.locale || language,
      storage,
      fetch: win.fetch.bind(win),
      hubFactory: deps.hubFactory,
      proxyPath: config.customerId ? config.proxyPath : null,
      uuid: deps.uuid,
      timeoutMs: deps.timeoutMs ?? 15000,
    },
    listener,
  );

  function renderMessages(list: ViewMessage[], added: ViewMessage[]): void {
    const nearEnd = log.scrollHeight - log.scrollTop - log.clientHeight < 80;
    let previous: Element = greeting;
    for (const message of list) {
      let entry = rendered.get(message.key);
      if (!entry) {
        entry = createMessage(message);
        rendered.set(message.key, entry);
      }
      updateMessage(entry, message);
      if (previous.nextElementSibling !== entry.element) previous.after(entry.element);
      previous = entry.element;
    }
    const lastAnswer = [...list].reverse().find((m) => m.role !== "shopper");
    renderQuickReplies(lastAnswer && list[list.length - 1] === lastAnswer ? lastAnswer : null);
    if (added.length > 0 || nearEnd) scrollToEnd(nearEnd || added.some((m) => m.role === "shopper"));
  }

  function createMessage(message: ViewMessage): { element: HTMLElement; meta: HTMLElement; status: string } {
    const speaker = t(message.role === "shopper" ? "you" : message.role === "merchant" ? "merchant" : message.role === "system" ? "system" : "assistant");
    const bubble = h("p", { class: "bubble" }, h("span", { class: "sr-only" }, `${speaker}: `), message.text);
    const meta = h("span", { class: "meta" });
    const element = h(
      "div",
      { class: "msg", "data-testid": "cc-message", "data-role": message.role, "data-key": message.key },
      bubble,
      meta,
    );
    if (message.channel && message.channel !== "widget" && message.role === "shopper") {
      meta.textContent = t("viaChannel", { channel: message.channel });
    }
    const products = message.reply?.products ?? [];
    if (products.length > 0) {
      const cards = h("ul", { class: "cards", "aria-label": t("products"), "data-testid": "cc-products" });
      const context = cardContext();
      for (const product of products) {
        try {
          cards.appendChild(h("li", {}, renderProductCard(product, context)));
        } catch {
          // one malformed card must not hide the rest of the answer
        }
      }
      element.appendChild(cards);
    }
    return { element, meta, status: "" };
  }

  function updateMessage(entry: { element: HTMLElement; meta: HTMLElement; status: string }, message: ViewMessage): void {
    const state = `${message.status}|${message.seq ?? ""}|${message.errorCode ?? ""}`;
    if (entry.status === state) return;
    entry.status = state;
    entry.element.setAttribute("data-status", message.status);
    if (message.seq !== null) entry.element.setAttribute("data-seq", String(message.seq));
    if (message.role !== "shopper") return;
    entry.meta.replaceChildren();
    if (message.status === "sending") entry.meta.append(t("sending"));
    if (message.status === "failed") {
      const retry = h("button", { type: "button", class: "link-btn", "data-testid": "cc-message-retry" }, t("retry"));
      retry.addEventListener("click", guard(() => client.retry(message.key)));
      entry.meta.append(t("notSent"), " · ", retry);
    }
    if (message.status === "sent" && message.channel !== "widget") entry.meta.append(t("viaChannel", { channel: message.channel }));
  }

  function renderQuickReplies(message: ViewMessage | null): void {
    quick.replaceChildren();
    for (const text of (message?.reply?.quickReplies ?? []).slice(0, 6)) {
      if (typeof text !== "string" || !text.trim()) continue;
      const chip = h("button", { type: "button", class: "chip", "data-testid": "cc-quick-reply" }, text);
      chip.addEventListener(
        "click",
        guard(() => {
          quick.replaceChildren();
          submit(text);
          input.focus();
        }),
      );
      quick.appendChild(chip);
    }
  }

  function renderState(state: ConnectionState): void {
    container.setAttribute("data-connection", state);
    status.textContent = state === "connecting" ? t("connecting") : state === "reconnecting" ? t("reconnecting") : "";
  }

  function renderNotice(value: ChatNotice | null): void {
    if (!value) {
      errorBanner.hidden = true;
      return;
    }
    const key = noticeText[value.code] ?? "errorGeneric";
    errorText.textContent = t(key, { max: maxMessageLength.toLocaleString(config.locale || language) });
    errorBanner.setAttribute("data-code", value.code);
    retryButton.hidden = !value.retry;
    retryButton.onclick = value.retry ? guard(() => { errorBanner.hidden = true; value.retry!(); }) : null;
    errorBanner.hidden = false;
  }

  function applySession(session: SessionResponse): void {
    currency = session.shop?.currency || currency;
    if (session.shop?.assistantName) title.textContent = session.shop.assistantName;
    if (session.shop?.name) {
      subtitle.textContent = session.shop.name;
      subtitle.hidden = false;
    }
    // The shop's greeting is in the shop's language; it replaces the built-in one unless the shopper reads another.
    if (!config.greeting && session.shop?.greeting && resolveLanguage(session.shop.locale) === language) {
      greetingText.textContent = session.shop.greeting;
    }
    if (!config.accentColor && session.shop?.accentColor) applyAccent(session.shop.accentColor);
    whatsAppButton.hidden = !session.shop?.whatsAppNumber;
  }

  function applyAccent(color: string | undefined): void {
    const palette = accentPalette(color);
    container.style.setProperty("--cc-accent", palette.accent);
    container.style.setProperty("--cc-on-accent", palette.onAccent);
  }

  function scrollToEnd(force: boolean): void {
    if (!force) return;
    log.scrollTop = log.scrollHeight;
  }

  function submit(text: string): void {
    const result = client.send(text);
    if (result.ok) {
      renderNotice(null);
    } else if (result.code === "empty") {
      input.focus();
    }
  }

  // --- open / close ----------------------------------------------------------------------------
  function open(focus = true): void {
    if (!panel.hidden) return;
    panel.hidden = false;
    container.setAttribute("data-open", "true");
    launcher.setAttribute("aria-expanded", "true");
    writeFlag(sessionStore, openKey, true);
    void client.start();
    scrollToEnd(true);
    if (focus) input.focus();
  }

  function close(): void {
    if (panel.hidden) return;
    panel.hidden = true;
    container.setAttribute("data-open", "false");
    launcher.setAttribute("aria-expanded", "false");
    writeFlag(sessionStore, openKey, false);
    launcher.focus();
  }

  // --- events ------------------------------------------------------------------------------------
  launcher.addEventListener("click", guard(() => (panel.hidden ? open() : close())));
  closeButton.addEventListener("click", guard(() => close()));
  container.addEventListener(
    "keydown",
    guard((event: KeyboardEvent) => {
      if (event.key === "Escape" && !panel.hidden) {
        event.stopPropagation();
        close();
      }
    }),
  );
  composer.addEventListener(
    "submit",
    guard((event: Event) => {
      event.preventDefault();
      const text = input.value;
      const result = client.send(text);
      if (result.ok) {
        input.value = "";
        autosize();
        renderNotice(null);
      }
      input.focus();
    }),
  );
  input.addEventListener(
    "keydown",
    guard((event: KeyboardEvent) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        composer.requestSubmit ? composer.requestSubmit() : composer.dispatchEvent(new Event("submit", { cancelable: true }));
      }
    }),
  );
  input.addEventListener(
    "input",
    guard(() => {
      autosize();
      client.notifyTyping();
    }),
  );
  dismissButton.addEventListener("click", guard(() => { errorBanner.hidden = true; input.focus(); }));
  whatsAppButton.addEventListener(
    "click",
    guard(async () => {
      // Opened now, while the click still counts as a user gesture; pointed at wa.me once the app answers.
      const popup = safeOpen(win);
      whatsAppButton.disabled = true;
      notice.replaceChildren();
      const result = await client.continueOnWhatsApp();
      whatsAppButton.disabled = false;
      const url = result.url ? safeUrl(result.url, win.location.href) : null;
      if (!url) {
        popup?.close();
        notice.textContent = t("whatsAppError");
        return;
      }
      if (popup) popup.location.href = url;
      const link = h("a", { "data-testid": "cc-whatsapp-link", target: "_blank", rel: "noopener noreferrer" }, t("continueWhatsApp"));
      setHref(link, url, win.location.href);
      notice.append(t("whatsAppOpened"), " ", link);
    }),
  );
  emailButton.addEventListener(
    "click",
    guard(() => {
      if (emailSlot.firstChild) {
        emailSlot.replaceChildren();
        emailButton.setAttribute("aria-expanded", "false");
        emailButton.focus();
        return;
      }
      emailButton.setAttribute("aria-expanded", "true");
      openEmailForm(emailSlot, {
        t,
        send: (email) => client.emailMeThese(email),
        onClose: () => {
          emailButton.setAttribute("aria-expanded", "false");
          emailButton.focus();
        },
      });
    }),
  );
  win.addEventListener("online", guard(() => { if (client.connectionState === "offline") void client.start(); }));

  function autosize(): void {
    input.style.height = "auto";
    input.style.height = `${Math.min(input.scrollHeight, 120)}px`;
  }

  doc.body.appendChild(host);
  if (readFlag(sessionStore, openKey)) open(false);

  return {
    open: guard(() => open()),
    close: guard(() => close()),
    root,
    client,
    destroy: async () => {
      await client.dispose();
      host.remove();
    },
  };
}

function safeStorage(get: () => Storage): Storage | null {
  try {
    const storage = get();
    const probe = "cc:probe";
    storage.setItem(probe, "1");
    storage.removeItem(probe);
    return storage;
  } catch {
    return null;
  }
}

function readFlag(storage: Storage | null, key: string): boolean {
  try {
    return storage?.getItem(key) === "1";
  } catch {
    return false;
  }
}

function writeFlag(storage: Storage | null, key: string, on: boolean): void {
  try {
    if (on) storage?.setItem(key, "1");
    else storage?.removeItem(key);
  } catch {
    // ignore
  }
}

function safeOpen(win: Window): Window | null {
  try {
    const popup = win.open("", "_blank");
    if (popup) popup.opener = null;
    return popup;
  } catch {
    return null;
  }
}
