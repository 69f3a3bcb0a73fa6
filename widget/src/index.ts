import { signalRHubFactory } from "./net/hub";
import { readConfig } from "./ui/config";
import { report } from "./ui/guard";
import { mountWidget, type WidgetHandle } from "./ui/widget";
import { newUuid } from "./uuid";

declare global {
  interface Window {
    ConversationalCommerceChat?: { open(): void; close(): void };
  }
}

/**
 * Entry point of chat-widget.js. The script tag that loads it carries the configuration in data attributes
 * (see extensions/chat-widget/blocks/chat-embed.liquid). Nothing here may throw into the merchant's page.
 */
(function boot() {
  try {
    const script =
      (document.currentScript as HTMLScriptElement | null) ??
      document.querySelector<HTMLScriptElement>("script[data-widget-key]");
    const config = readConfig(script, document.documentElement.lang || null);
    if (!config || window.ConversationalCommerceChat) return;
    let handle: WidgetHandle | null = null;
    const mount = () => {
      try {
        handle = mountWidget(config, { window, hubFactory: signalRHubFactory, uuid: () => newUuid() });
      } catch (error) {
        report(error);
      }
    };
    window.ConversationalCommerceChat = {
      open: () => handle?.open(),
      close: () => handle?.close(),
    };
    if (document.body) mount();
    else document.addEventListener("DOMContentLoaded", mount, { once: true });
  } catch (error) {
    report(error);
  }
})();
