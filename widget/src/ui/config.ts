import { originOf } from "../format/url";

/** What the embed (Liquid block or the demo page) tells the widget through its script tag's data attributes. */
export interface WidgetConfig {
  widgetKey: string;
  apiBase: string;
  shop: string;
  locale: string;
  language: string;
  accentColor: string;
  position: "left" | "right";
  greeting: string;
  launcherLabel: string;
  cartEvent: string;
  cartRoot: string | null;
  customerId: string | null;
  proxyPath: string | null;
}

/** The data attributes the widget reads (the Liquid embed and the demo page must use exactly these names). */
export const configAttributes = [
  "data-widget-key",
  "data-api-base",
  "data-shop",
  "data-locale",
  "data-language",
  "data-accent-color",
  "data-position",
  "data-greeting",
  "data-launcher-label",
  "data-cart-event",
  "data-cart-root",
  "data-customer-id",
  "data-proxy-path",
] as const;

/** Reads the config; null when the embed has no widget key (the merchant has not finished set-up). */
export function readConfig(script: HTMLScriptElement | null, pageLocale: string | null): WidgetConfig | null {
  if (!script) return null;
  const data = script.dataset;
  const widgetKey = (data.widgetKey ?? "").trim();
  if (!widgetKey) return null;
  const apiBase = (originOfConfigured(data.apiBase) ?? originOf(script.src) ?? "").replace(/\/+$/, "");
  if (!apiBase) return null;
  return {
    widgetKey,
    apiBase,
    shop: (data.shop ?? "").trim(),
    locale: (data.locale ?? "").trim() || pageLocale || "en",
    language: (data.language ?? "auto").trim() || "auto",
    accentColor: (data.accentColor ?? "").trim(),
    position: data.position === "left" ? "left" : "right",
    greeting: (data.greeting ?? "").trim(),
    launcherLabel: (data.launcherLabel ?? "").trim(),
    cartEvent: (data.cartEvent ?? "").trim() || "cart:updated",
    cartRoot: (data.cartRoot ?? "").trim() || null,
    customerId: (data.customerId ?? "").trim() || null,
    proxyPath: (data.proxyPath ?? "").trim() || null,
  };
}

/** The app's address from data-api-base: only an http(s) URL counts; its path is kept (apps behind a prefix). */
function originOfConfigured(value: string | undefined): string | null {
  if (!value || !value.trim()) return null;
  try {
    const url = new URL(value.trim());
    if (url.protocol !== "https:" && url.protocol !== "http:") return null;
    return url.origin + url.pathname.replace(/\/+$/, "");
  } catch {
    return null;
  }
}
