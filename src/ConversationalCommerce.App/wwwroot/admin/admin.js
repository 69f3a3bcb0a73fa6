// ConversationalCommerce merchant admin: a small ES module without a framework. Every piece of data is put into the
// page as text (textContent / attributes), never as HTML. Inside Shopify admin, App Bridge adds the session token to
// these same-origin fetches; run locally, the app's local demo admin session answers instead.

const TABS = [
  { id: "overview", label: "Overview" },
  { id: "conversations", label: "Conversations" },
  { id: "analytics", label: "Analytics" },
  { id: "intents", label: "Intents" },
  { id: "settings", label: "Settings" },
];

/** Creates an element: attrs are set as attributes/properties, children as nodes or text. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (key === "class") el.className = value;
    else if (key === "value") el.value = value;
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, String(value));
  append(el, children);
  return el;
}

class ApiError extends Error {
  constructor(status, body) {
    super(body?.title || `Request failed (${status})`);
    this.status = status;
    this.body = body;
  }
}

async function api(path, options = {}) {
  const init = { headers: { Accept: "application/json" }, ...options };
  if (options.json !== undefined) {
    init.method = init.method || "POST";
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(options.json);
  }
  const response = await fetch(path, init);
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

const numberFormat = new Intl.NumberFormat();
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const fmt = (n) => numberFormat.format(n);
const when = (iso) => (iso ? dateTime.format(new Date(iso)) : "—");
const CHANNEL_NAMES = { widget: "Web chat", whatsapp: "WhatsApp", email: "Email", api: "API", admin: "Admin" };
const channelName = (c) => CHANNEL_NAMES[c] || c;
const STATUS_NAMES = { Open: "Open", WaitingForHuman: "Waiting for a person", HandedOff: "Taken over", Closed: "Closed" };
const STATUS_TONES = { WaitingForHuman: "attention", HandedOff: "attention", Closed: "", Open: "info" };

function badge(text, tone = "") {
  return h("span", { class: `badge ${tone}` }, text);
}

function card(title, ...body) {
  return h("section", { class: "card", "aria-label": title }, h("h2", { class: "card-title" }, title), ...body);
}

function stat(label, value, testId) {
  return h("div", { class: "stat" }, h("div", { class: "stat-value", "data-testid": testId }, value), h("div", { class: "stat-label" }, label));
}

function errorBox(error) {
  const message = error instanceof ApiError && error.status === 401
    ? "Your session is not valid. Open the app from your Shopify admin (or run the app locally in Development for the demo store)."
    : error.message || "Something went wrong.";
  return h("div", { class: "banner critical", role: "alert" }, message);
}

// ---- Shell -------------------------------------------------------------------------------------------------------

const state = { tab: "overview", overview: null };
const root = document.getElementById("app");

function renderShell() {
  const header = h("header", { class: "top" },
    h("h1", {}, "Shopping assistant"),
    h("span", { class: "muted", id: "shop-name" }, state.overview ? `${state.overview.shopName} · ${state.overview.shopDomain}` : ""));
  const tablist = h("div", { class: "tabs", role: "tablist", "aria-label": "Sections" });
  TABS.forEach((tab, index) => {
    const selected = tab.id === state.tab;
    const button = h("button", {
      class: "tab", role: "tab", id: `tab-${tab.id}`, "aria-controls": "panel", "aria-selected": selected ? "true" : "false",
      tabindex: selected ? "0" : "-1", type: "button",
      onclick: () => show(tab.id),
      onkeydown: (e) => {
        const delta = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
        if (e.key === "Home" || e.key === "End" || delta) {
          e.preventDefault();
          const next = e.key === "Home" ? 0 : e.key === "End" ? TABS.length - 1 : (index + delta + TABS.length) % TABS.length;
          show(TABS[next].id, true);
        }
      },
    }, tab.label);
    tablist.append(button);
  });
  const panel = h("main", { id: "panel", role: "tabpanel", "aria-labelledby": `tab-${state.tab}`, tabindex: "-1" });
  root.replaceChildren(header, tablist, panel);
  return panel;
}

async function show(tab, focusTab = false) {
  state.tab = tab;
  // The tab is kept in the fragment, so a reload (or a link) opens the same section.
  if (location.hash !== `#${tab}`) history.replaceState(null, "", `#${tab}`);
  const panel = renderShell();
  if (!state.overview && tab !== "overview") loadShopName();
  if (focusTab) document.getElementById(`tab-${tab}`).focus();
  panel.append(h("p", { class: "muted" }, "Loading…"));
  try {
    const view = await VIEWS[tab]();
    if (state.tab === tab) panel.replaceChildren(view);
  } catch (error) {
    if (state.tab === tab) panel.replaceChildren(errorBox(error));
  }
}

async function loadShopName() {
  try {
    state.overview = await api("/api/admin/overview");
    document.getElementById("shop-name").textContent = `${state.overview.shopName} · ${state.overview.shopDomain}`;
  } catch {
    // The section's own request reports the problem.
  }
}

// ---- Overview ----------------------------------------------------------------------------------------------------

async function overviewView() {
  const o = await api("/api/admin/overview");
  state.overview = o;
  document.getElementById("shop-name").textContent = `${o.shopName} · ${o.shopDomain}`;
  const sync = o.sync
    ? h("dl", { class: "facts" },
        h("dt", {}, "Last sync"), h("dd", {}, badge(o.sync.status, o.sync.status === "Failed" ? "critical" : o.sync.status === "Succeeded" ? "success" : "")),
        h("dt", {}, "Stage"), h("dd", {}, o.sync.stage),
        h("dt", {}, "Products applied"), h("dd", {}, fmt(o.sync.productsApplied)),
        h("dt", {}, "Started"), h("dd", {}, when(o.sync.createdAt)),
        h("dt", {}, "Finished"), h("dd", {}, when(o.sync.completedAt)),
        o.sync.error ? [h("dt", {}, "Error"), h("dd", { class: "error-text" }, o.sync.error)] : null)
    : h("p", { class: "muted" }, o.isDemo ? "The demo store is loaded locally; it is not synced from Shopify." : "No sync has run yet.");
  return h("div", { class: "stack" },
    h("div", { class: "grid" },
      card("Catalog",
        h("div", { class: "stats" },
          stat("Products", fmt(o.catalog.products), "products"),
          stat("Purchasable now", fmt(o.catalog.purchasable), "purchasable"),
          stat("Variants out of stock", fmt(o.catalog.variantsOutOfStock), "out-of-stock"))),
      card("Conversations",
        h("div", { class: "stats" },
          stat("Open", fmt(o.conversations.open), "open"),
          stat("Waiting for a person", fmt(o.conversations.waitingForHuman), "waiting"),
          stat("Taken over", fmt(o.conversations.handedOff), "handed-off"),
          stat("All", fmt(o.conversations.total), "conversations"))),
      card("Customers and orders",
        h("div", { class: "stats" }, stat("Customers", fmt(o.customers), "customers"), stat("Orders", fmt(o.orders), "orders")))),
    card("Shop",
      h("dl", { class: "facts" },
        h("dt", {}, "Name"), h("dd", {}, o.shopName),
        h("dt", {}, "Domain"), h("dd", {}, o.shopDomain),
        h("dt", {}, "Install"), h("dd", {}, badge(o.installState, o.installState === "Installed" ? "success" : "critical")),
        h("dt", {}, "Currency"), h("dd", {}, o.currency))),
    card("Catalog sync", sync));
}

// ---- Conversations -----------------------------------------------------------------------------------------------

const filters = { status: "", channel: "", q: "", offset: 0 };
const PAGE = 25;

async function conversationsView() {
  const wrap = h("div", { class: "stack" });
  const statusSelect = h("select", { id: "f-status", onchange: (e) => { filters.status = e.target.value; filters.offset = 0; reload(); } },
    h("option", { value: "" }, "Any status"), ...Object.entries(STATUS_NAMES).map(([v, l]) => h("option", { value: v }, l)));
  statusSelect.value = filters.status;
  const channelSelect = h("select", { id: "f-channel", onchange: (e) => { filters.channel = e.target.value; filters.offset = 0; reload(); } },
    h("option", { value: "" }, "Any channel"), ...["Widget", "WhatsApp", "Email", "Api"].map((c) => h("option", { value: c }, channelName(c.toLowerCase()))));
  channelSelect.value = filters.channel;
  const search = h("input", { id: "f-q", type: "search", value: filters.q, placeholder: "Customer or message text" });
  const form = h("form", { class: "filters", role: "search", onsubmit: (e) => { e.preventDefault(); filters.q = search.value; filters.offset = 0; reload(); } },
    h("label", { for: "f-status" }, "Status"), statusSelect,
    h("label", { for: "f-channel" }, "Channel"), channelSelect,
    h("label", { for: "f-q" }, "Search"), search,
    h("button", { type: "submit", class: "button" }, "Search"));
  const list = h("div", {});
  wrap.append(card("Conversations", form, list));
  // New messages reorder the list (and a thread may start waiting for a person): refresh it, at most every 2 s.
  let pending = null;
  live.onConversations = () => { pending ??= setTimeout(() => { pending = null; if (list.isConnected) reload(); }, 2000); };

  async function reload() {
    const params = new URLSearchParams({ limit: String(PAGE), offset: String(filters.offset) });
    if (filters.status) params.set("status", filters.status);
    if (filters.channel) params.set("channel", filters.channel);
    if (filters.q) params.set("q", filters.q);
    try {
      const page = await api(`/api/admin/conversations?${params}`);
      list.replaceChildren(conversationTable(page, reload));
    } catch (error) {
      list.replaceChildren(errorBox(error));
    }
  }
  await reload();
  return wrap;
}

function conversationTable(page, reload) {
  if (page.items.length === 0) return h("p", { class: "muted" }, "No conversations match.");
  const rows = page.items.map((c) => h("tr", {},
    h("td", {}, h("button", { type: "button", class: "link", "data-conversation": c.id, onclick: () => openConversation(c.id) }, c.customer)),
    h("td", {}, c.channels.map((ch) => badge(channelName(ch)))),
    h("td", { class: "preview" }, c.preview),
    h("td", {}, badge(STATUS_NAMES[c.status] || c.status, STATUS_TONES[c.status] ?? "info")),
    h("td", { class: "num" }, fmt(c.messageCount)),
    h("td", {}, when(c.lastMessageAt))));
  const pager = h("div", { class: "pager" },
    h("span", { class: "muted" }, `${fmt(page.offset + 1)}–${fmt(page.offset + page.items.length)} of ${fmt(page.total)}`),
    h("button", { type: "button", class: "button", disabled: page.offset === 0, onclick: () => { filters.offset = Math.max(0, page.offset - PAGE); reload(); } }, "Previous"),
    h("button", { type: "button", class: "button", disabled: page.offset + page.items.length >= page.total, onclick: () => { filters.offset = page.offset + PAGE; reload(); } }, "Next"));
  return h("div", {},
    h("table", { class: "table" },
      h("caption", { class: "visually-hidden" }, "Conversations, newest first"),
      h("thead", {}, h("tr", {}, ["Customer", "Channels", "Last message", "Status", "Messages", "Last activity"].map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, rows)),
    pager);
}

async function openConversation(id) {
  const panel = document.getElementById("panel");
  panel.replaceChildren(h("p", { class: "muted" }, "Loading…"));
  try {
    const thread = await api(`/api/admin/conversations/${encodeURIComponent(id)}`);
    panel.replaceChildren(threadView(thread));
    panel.querySelector("h2")?.focus();
  } catch (error) {
    panel.replaceChildren(errorBox(error));
  }
}

function threadView(t) {
  const back = h("button", { type: "button", class: "button", onclick: () => show("conversations") }, "← All conversations");
  const statusSelect = h("select", { id: "thread-status" }, ...Object.entries(STATUS_NAMES).map(([v, l]) => h("option", { value: v }, l)));
  statusSelect.value = t.status;
  const statusNote = h("span", { class: "muted", role: "status" });
  statusSelect.addEventListener("change", async () => {
    try {
      await api(`/api/admin/conversations/${t.id}/status`, { json: { status: statusSelect.value } });
      statusNote.textContent = "Saved.";
    } catch (error) {
      statusNote.textContent = error.message;
    }
  });
  const customer = t.customer
    ? h("dl", { class: "facts" },
        h("dt", {}, "Customer"), h("dd", {}, t.customer.name),
        t.customer.email ? [h("dt", {}, "Email"), h("dd", {}, t.customer.email)] : null,
        t.customer.phone ? [h("dt", {}, "Phone"), h("dd", {}, t.customer.phone)] : null,
        t.customer.identities.filter((i) => i.optedOutAt).map((i) => [h("dt", {}, `${i.kind} opt-out`), h("dd", {}, when(i.optedOutAt))]))
    : h("p", { class: "muted" }, "Anonymous visitor");

  const messages = h("ol", { class: "thread", "aria-label": "Messages" }, t.messages.map(messageItem));
  const seen = new Set(t.messages.map((m) => m.id));
  // The customer's messages (and the assistant's answers) appear as they are stored, on any channel.
  live.onThread = (e) => {
    if (!messages.isConnected) return;
    if (e.conversationId === t.id && e.message && !seen.has(e.message.id)) { seen.add(e.message.id); messages.append(messageItem({ ...e.message, deliveries: [] })); }
    if (e.conversationId === t.id && e.status) statusSelect.value = e.status;
  };
  const text = h("textarea", { id: "reply-text", rows: "3", maxlength: "4000", required: true });
  const note = h("p", { class: "muted", role: "status", id: "reply-status" });
  const form = h("form", {
    class: "reply",
    onsubmit: async (e) => {
      e.preventDefault();
      if (!text.value.trim()) { note.textContent = "Write a reply first."; return; }
      const button = form.querySelector("button");
      button.disabled = true;
      try {
        const sent = await api(`/api/admin/conversations/${t.id}/messages`, { json: { text: text.value } });
        if (!seen.has(sent.id)) { seen.add(sent.id); messages.append(messageItem({ ...sent, deliveries: [] })); }
        text.value = "";
        statusSelect.value = "HandedOff";
        note.textContent = `Sent on ${channelName(t.lastChannel)}.`;
      } catch (error) {
        note.textContent = error.body?.errors?.text?.[0] || error.message;
      } finally {
        button.disabled = false;
      }
    },
  },
  h("label", { for: "reply-text" }, "Reply as the shop (takes the conversation over; set the status to Open to hand it back to the assistant)"), text,
  h("div", { class: "row" }, h("button", { type: "submit", class: "button primary" }, "Send reply"), note));

  return h("div", { class: "stack" },
    h("div", { class: "row" }, back),
    h("div", { class: "grid thread-grid" },
      card("Thread", messages, form),
      h("div", { class: "stack" },
        card("Details", customer,
          h("div", { class: "row" }, h("label", { for: "thread-status" }, "Status"), statusSelect, statusNote),
          h("dl", { class: "facts" },
            h("dt", {}, "Started"), h("dd", {}, when(t.startedAt)),
            h("dt", {}, "Last channel"), h("dd", {}, channelName(t.lastChannel)))))));
}

function messageItem(m) {
  const who = m.role === "shopper" ? "Customer" : m.role === "assistant" ? "Assistant" : m.role === "merchant" ? "You" : "System";
  const meta = h("div", { class: "meta" }, `${who} · ${channelName(m.channel)} · ${when(m.createdAt)}`);
  if (m.reply?.intent) meta.append(" ", badge(m.reply.intent, "info"));
  const parts = [meta, h("p", { class: "text" }, m.text)];
  if (m.reply?.products?.length) parts.push(h("div", { class: "cards" }, m.reply.products.map(productCard)));
  const failed = m.deliveryStatus === "Failed" || (m.deliveries || []).some((d) => d.status === "Failed" || d.status === "Cancelled");
  if (m.deliveryStatus && m.deliveryStatus !== "None") {
    parts.push(h("div", { class: failed ? "delivery error-text" : "delivery muted" },
      `Delivery: ${m.deliveryStatus}`, m.deliveryError ? ` — ${m.deliveryError}` : "",
      (m.deliveries || []).filter((d) => d.error).map((d) => ` (${channelName(d.channel)}: ${d.status}, ${d.error})`)));
  }
  return h("li", { class: `msg ${m.role}` }, parts);
}

function productCard(p) {
  const price = new Intl.NumberFormat(undefined, { style: "currency", currency: p.currency || "USD" }).format(p.price);
  return h("div", { class: "product" },
    p.imageUrl ? h("img", { src: p.imageUrl, alt: "", loading: "lazy", width: "56", height: "56" }) : h("div", { class: "img-placeholder" }),
    h("div", {},
      h("div", { class: "product-title" }, p.title),
      h("div", { class: "muted" }, price, " · ", p.available ? "In stock" : "Out of stock")));
}

// ---- Analytics ---------------------------------------------------------------------------------------------------

let analyticsDays = 30;

async function analyticsView() {
  const a = await api(`/api/admin/analytics?days=${analyticsDays}`);
  const select = h("select", { id: "a-days", onchange: (e) => { analyticsDays = Number(e.target.value); show("analytics"); } },
    [7, 30, 90].map((d) => h("option", { value: String(d) }, `Last ${d} days`)));
  select.value = String(analyticsDays);
  return h("div", { class: "stack" },
    h("div", { class: "row" }, h("label", { for: "a-days" }, "Period"), select),
    h("div", { class: "grid" },
      card("Activity",
        h("div", { class: "stats" },
          stat("Conversations", fmt(a.conversations), "a-conversations"),
          stat("Shopper messages", fmt(a.shopperMessages), "a-messages"),
          stat("Median assistant replies", fmt(a.medianAssistantMessagesPerConversation), "a-median"))),
      card("Recommendations",
        h("div", { class: "stats" },
          stat("Turns with products", fmt(a.recommendationTurns), "a-rec-turns"),
          stat("Products shown", fmt(a.productsShown), "a-products"),
          stat("Add to cart", fmt(a.addToCartActions), "a-cart"))),
      card("People",
        h("div", { class: "stats" }, stat("Handoffs", fmt(a.handoffs), "a-handoffs"), stat("Opt-outs", fmt(a.optOuts), "a-optouts")))),
    card("Per day", dayChart(a.perDay)),
    h("div", { class: "grid" },
      card("Shopper messages per channel", barList(a.shopperMessagesPerChannel.map((c) => ({ name: channelName(c.name), count: c.count })))),
      card("Top intents", barList(a.topIntents))));
}

function dayChart(days) {
  const width = 720, height = 180, pad = 24;
  const max = Math.max(1, ...days.map((d) => Math.max(d.conversations, d.shopperMessages)));
  const step = (width - pad * 2) / Math.max(1, days.length);
  const bar = Math.max(2, step / 2 - 1);
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart", role: "img", "aria-labelledby": "chart-title" },
    svg("title", { id: "chart-title" }, "Conversations and shopper messages per day"));
  days.forEach((d, i) => {
    const x = pad + i * step;
    const hc = ((height - pad * 2) * d.conversations) / max;
    const hm = ((height - pad * 2) * d.shopperMessages) / max;
    chart.append(
      svg("rect", { x, y: height - pad - hc, width: bar, height: hc, class: "bar-a" }, svg("title", {}, `${d.day}: ${d.conversations} conversations`)),
      svg("rect", { x: x + bar + 1, y: height - pad - hm, width: bar, height: hm, class: "bar-b" }, svg("title", {}, `${d.day}: ${d.shopperMessages} shopper messages`)));
  });
  chart.append(
    svg("line", { x1: pad, x2: width - pad, y1: height - pad, y2: height - pad, class: "axis" }),
    svg("text", { x: pad, y: height - 6, class: "axis-label" }, days[0]?.day ?? ""),
    svg("text", { x: width - pad, y: height - 6, class: "axis-label", "text-anchor": "end" }, days[days.length - 1]?.day ?? ""),
    svg("text", { x: pad, y: 14, class: "axis-label" }, `max ${max}`));
  const legend = h("div", { class: "legend" },
    h("span", {}, h("i", { class: "swatch bar-a" }), "Conversations"),
    h("span", {}, h("i", { class: "swatch bar-b" }), "Shopper messages"));
  return h("div", {}, chart, legend);
}

function barList(items) {
  if (!items.length) return h("p", { class: "muted" }, "Nothing yet.");
  const max = Math.max(...items.map((i) => i.count));
  return h("table", { class: "table bars" },
    h("tbody", {}, items.map((i) => h("tr", {},
      h("th", { scope: "row" }, i.name),
      h("td", { class: "bar-cell" }, h("span", { class: "hbar", style: `width:${Math.round((100 * i.count) / max)}%` })),
      h("td", { class: "num" }, fmt(i.count))))));
}

// ---- Settings ----------------------------------------------------------------------------------------------------

const SETTING_FIELDS = [
  { name: "assistantName", label: "Assistant name", max: 60 },
  { name: "greeting", label: "Greeting", max: 300, multiline: true },
  { name: "accentColor", label: "Accent colour (hex)", max: 7 },
  { name: "shippingPolicy", label: "Shipping policy", max: 4000, multiline: true },
  { name: "returnsPolicy", label: "Returns policy", max: 4000, multiline: true },
  { name: "paymentPolicy", label: "Payment policy", max: 4000, multiline: true },
];

async function settingsView() {
  const s = await api("/api/admin/settings");
  const inputs = {};
  const errors = {};
  const fields = SETTING_FIELDS.map((f) => {
    const id = `s-${f.name}`;
    const input = f.multiline
      ? h("textarea", { id, name: f.name, rows: f.max > 300 ? "4" : "2", maxlength: String(f.max), "aria-describedby": `${id}-error` })
      : h("input", { id, name: f.name, type: "text", maxlength: String(f.max), "aria-describedby": `${id}-error` });
    input.value = s[f.name] ?? "";
    inputs[f.name] = input;
    errors[f.name] = h("p", { class: "field-error", id: `${id}-error` });
    const extra = f.name === "accentColor" ? h("span", { class: "swatch-lg", "aria-hidden": "true", style: `background:${s.accentColor}` }) : null;
    if (extra) input.addEventListener("input", () => { if (/^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(input.value)) extra.style.background = input.value; });
    return h("div", { class: "field" }, h("label", { for: id }, f.label), h("div", { class: "row" }, input, extra), errors[f.name]);
  });
  const note = h("p", { role: "status", class: "muted" });
  const form = h("form", {
    class: "settings",
    onsubmit: async (e) => {
      e.preventDefault();
      Object.values(errors).forEach((el) => (el.textContent = ""));
      Object.values(inputs).forEach((el) => el.removeAttribute("aria-invalid"));
      const body = Object.fromEntries(Object.entries(inputs).map(([k, el]) => [k, el.value]));
      try {
        await api("/api/admin/settings", { method: "PUT", json: body });
        note.textContent = "Settings saved.";
      } catch (error) {
        const fieldErrors = error.body?.errors || {};
        let first = null;
        for (const [key, messages] of Object.entries(fieldErrors)) {
          const name = Object.keys(inputs).find((k) => k.toLowerCase() === key.toLowerCase());
          if (!name) continue;
          errors[name].textContent = messages.join(" ");
          inputs[name].setAttribute("aria-invalid", "true");
          first ??= inputs[name];
        }
        note.textContent = first ? "Please fix the highlighted fields." : error.message;
        first?.focus();
      }
    },
  }, fields, h("div", { class: "row" }, h("button", { type: "submit", class: "button primary" }, "Save"), note));
  return h("div", { class: "stack" },
    card("Assistant", form),
    card("Channels",
      h("p", {}, "WhatsApp and email credentials have their own settings (secrets are stored encrypted and never shown):"),
      h("ul", {},
        h("li", {}, "WhatsApp: ", h("code", {}, s.channelSettings.whatsApp), s.whatsAppNumber ? ` (number ${s.whatsAppNumber})` : ""),
        h("li", {}, "Email: ", h("code", {}, s.channelSettings.email)))));
}

// ---- Intents -----------------------------------------------------------------------------------------------------

async function intentsView() {
  const data = await api("/api/admin/intents");
  const container = h("div", { class: "stack" });
  const render = (d) => container.replaceChildren(intentsList(d, render), intentForm(d, render));
  render(data);
  return container;
}

function intentsList(d, render) {
  const status = d.training
    ? h("p", { role: "status", class: "muted", "data-testid": "intents-training" }, "Retraining the assistant with your changes… it keeps answering with the previous model meanwhile.")
    : h("p", { role: "status", class: "muted" }, "The assistant knows every intent below.");
  const rows = d.intents.map((i) => h("tr", { "data-intent": i.name },
    h("th", { scope: "row" }, h("code", {}, i.name)),
    h("td", {}, h("ul", { class: "examples" }, i.examples.slice(0, 3).map((e) => h("li", {}, e))), i.examples.length > 3 ? h("span", { class: "muted" }, `+${i.examples.length - 3} more`) : null),
    h("td", {}, i.reply ?? ""),
    h("td", {}, h("button", {
      type: "button", class: "button", "aria-label": `Delete intent ${i.name}`,
      onclick: async (e) => {
        if (!confirm(`Delete the intent "${i.name}"?`)) return;
        e.target.disabled = true;
        try { render(await api(`/api/admin/intents/${encodeURIComponent(i.name)}`, { method: "DELETE" })); }
        catch (error) { e.target.disabled = false; e.target.closest("section").append(errorBox(error)); }
      },
    }, "Delete"))));
  const table = d.intents.length
    ? h("table", { class: "table", "data-testid": "intents-table" },
        h("thead", {}, h("tr", {}, h("th", {}, "Intent"), h("th", {}, "Examples"), h("th", {}, "Reply"), h("th", {}, h("span", { class: "visually-hidden" }, "Actions")))),
        h("tbody", {}, rows))
    : h("p", { class: "muted" }, "No custom intents yet. Add one below to teach the assistant a question your shoppers ask and the answer to give.");
  return card("Your intents", status, table,
    h("details", {}, h("summary", {}, `Built-in intents (${d.builtIn.length})`), h("p", { class: "muted" }, d.builtIn.join(", "))));
}

function intentForm(d, render) {
  const l = d.limits;
  const name = h("input", { id: "i-name", name: "name", type: "text", maxlength: "40", pattern: "[a-z][a-z0-9_]{1,39}", required: true, "aria-describedby": "i-name-help" });
  const examples = h("textarea", { id: "i-examples", name: "examples", rows: "6", required: true, "aria-describedby": "i-examples-help" });
  const reply = h("textarea", { id: "i-reply", name: "reply", rows: "3", maxlength: String(l.maxReplyLength), required: true });
  const note = h("p", { role: "status", class: "muted", "data-testid": "intent-note" });
  const form = h("form", {
    class: "settings",
    onsubmit: async (e) => {
      e.preventDefault();
      const body = { examples: examples.value.split("\n").map((x) => x.trim()).filter(Boolean), reply: reply.value };
      try {
        render(await api(`/api/admin/intents/${encodeURIComponent(name.value.trim())}`, { method: "PUT", json: body }));
        document.querySelector('[data-testid="intent-note"]').textContent = `Saved "${name.value.trim()}". The assistant is learning it now.`;
      } catch (error) {
        note.textContent = error.body?.errors?.intent?.join(" ") || error.message;
        name.focus();
      }
    },
  },
  h("div", { class: "field" }, h("label", { for: "i-name" }, "Name"),
    name, h("p", { class: "muted", id: "i-name-help" }, "Lower-case letters, digits and underscores, e.g. gift_wrapping. Saving an existing name replaces it.")),
  h("div", { class: "field" }, h("label", { for: "i-examples" }, "Example questions, one per line"),
    examples, h("p", { class: "muted", id: "i-examples-help" }, `At least ${l.minExamples}, at most ${l.maxExamples}; the more varied, the better.`)),
  h("div", { class: "field" }, h("label", { for: "i-reply" }, "Reply"), reply),
  h("div", { class: "row" }, h("button", { type: "submit", class: "button primary" }, "Save intent"), note));
  return card("Add or replace an intent", form);
}

// ---- Live feed ----------------------------------------------------------------------------------------------------
// /hubs/admin speaks SignalR's JSON protocol; the page needs only to listen, so it talks it over one WebSocket
// (negotiation skipped) instead of loading a client library. Inside Shopify the session token comes from App Bridge.

const live = { onThread: null, onConversations: null, retry: 1000 };
const RS = "\u001e";

async function connectLive() {
  let token = "";
  try { token = (await window.shopify?.idToken?.()) || ""; } catch { token = ""; }
  const url = new URL("/hubs/admin", location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  if (token) url.searchParams.set("access_token", token);
  const socket = new WebSocket(url);
  socket.onopen = () => socket.send(JSON.stringify({ protocol: "json", version: 1 }) + RS);
  socket.onmessage = (event) => {
    for (const frame of String(event.data).split(RS)) {
      if (!frame) continue;
      const message = JSON.parse(frame);
      if (message.type === 6) socket.send(JSON.stringify({ type: 6 }) + RS);
      if (message.type === 7) socket.close();
      if (message.type !== 1) continue;
      live.retry = 1000;
      const [payload] = message.arguments || [];
      if (message.target === "conversationMessage" || message.target === "conversationStatus") {
        live.onThread?.(payload);
        live.onConversations?.();
      }
    }
  };
  socket.onclose = () => { setTimeout(connectLive, live.retry); live.retry = Math.min(live.retry * 2, 30000); };
}

const VIEWS = { overview: overviewView, conversations: conversationsView, analytics: analyticsView, intents: intentsView, settings: settingsView };

const initial = location.hash.slice(1);
show(TABS.some((t) => t.id === initial) ? initial : "overview");
connectLive();
