import { formatPrice, isDiscounted } from "../format/price";
import type { Translate } from "../i18n/strings";
import type { ProductCard } from "../model/protocol";
import { initialVariant, optionAxes, selectVariant, variantView, type VariantView } from "../model/variants";
import { addToCart, announceCartChange, type CartResult } from "../net/cart";
import { guard } from "./guard";
import { h, setHref, setSrc } from "./dom";

export interface CardContext {
  t: Translate;
  locale: string;
  currency: string;
  /** Where product pages and the cart live: the storefront (page origin + Shopify root). */
  storefrontBase: string;
  cartRoot: string;
  /** Where relative image paths live: the app (demo images) — Shopify's own images are absolute CDN URLs. */
  assetBase: string;
  cartEvent: string;
  fetch: typeof fetch;
  eventTarget: EventTarget;
}

let cardCounter = 0;

/** A product suggestion: image, title, price (compare-at struck through), availability, variant picker, add to cart. */
export function renderProductCard(card: ProductCard, ctx: CardContext): HTMLElement {
  const { t } = ctx;
  const id = `cc-card-${++cardCounter}`;
  const variants = card.variants ?? [];
  let selected = initialVariant(card);
  let view = variantView(card, selected);
  const currency = card.currency || ctx.currency;

  const title = h("h3", { class: "card-title", id: `${id}-title`, "data-testid": "cc-product-title" }, card.title);
  const priceNow = h("span", { class: "price-now", "data-testid": "cc-product-price" });
  const priceWasText = h("span", {});
  const priceWas = h("s", { class: "price-was", "data-testid": "cc-product-compare-at" }, priceWasText);
  const price = h("p", { class: "price" }, priceNow, priceWas);
  const availability = h("p", { class: "avail", "data-testid": "cc-product-availability" });
  const addButton = h("button", { type: "button", class: "btn btn-primary", "data-testid": "cc-add-to-cart" }, t("addToCart"));
  const cartStatus = h("p", { class: "cart-status", role: "status", "data-testid": "cc-cart-confirmation" });

  const media = h("a", { class: "card-media", tabindex: "-1", "aria-hidden": "true" });
  const image = h("img", { alt: "", loading: "lazy", decoding: "async", width: "210", height: "210" });
  if (setSrc(image, card.imageUrl, ctx.assetBase)) media.appendChild(image);
  const hasLink = setHref(media, card.url, ctx.storefrontBase);
  const viewLink = h("a", { class: "btn", "data-testid": "cc-view-product", target: "_top" }, t("viewProduct"));
  if (!setHref(viewLink, card.url, ctx.storefrontBase)) viewLink.hidden = true;
  if (!hasLink) media.removeAttribute("tabindex");

  const pickers = optionAxes(variants).map((axis) => {
    const select = h("select", { "data-testid": "cc-variant-select", "data-option": axis.name, "aria-describedby": `${id}-title` });
    for (const value of axis.values) select.appendChild(h("option", { value }, value));
    select.addEventListener(
      "change",
      guard(() => {
        const next = selectVariant(variants, view.options, axis.name, select.value);
        if (next) selected = next;
        view = variantView(card, selected);
        cartStatus.textContent = "";
        paint();
      }),
    );
    return { axis, select, label: h("label", { class: "variant" }, axis.name, select) };
  });

  function paint(): void {
    priceNow.textContent = formatPrice(view.price, currency, ctx.locale);
    priceNow.setAttribute("aria-label", t("price", { price: priceNow.textContent }));
    if (isDiscounted(view.price, view.compareAtPrice)) {
      priceWas.hidden = false;
      priceWasText.textContent = formatPrice(view.compareAtPrice as number, currency, ctx.locale);
      priceWas.setAttribute("aria-label", t("wasPrice", { price: priceWasText.textContent }));
    } else {
      priceWas.hidden = true;
    }
    availability.textContent = view.available ? t("inStock") : t("soldOut");
    availability.setAttribute("data-available", String(view.available));
    const canAdd = view.available && view.variantId !== null;
    addButton.disabled = !canAdd;
    addButton.setAttribute("data-variant-id", view.variantId === null ? "" : String(view.variantId));
    for (const picker of pickers) {
      const value = view.options[picker.axis.name];
      if (value !== undefined) picker.select.value = value;
    }
  }

  addButton.addEventListener(
    "click",
    guard(async () => {
      if (view.variantId === null || !view.available) return;
      addButton.disabled = true;
      addButton.textContent = t("adding");
      cartStatus.textContent = "";
      const result: CartResult = await addToCart(ctx.fetch, ctx.cartRoot, view.variantId, 1);
      addButton.textContent = t("addToCart");
      addButton.disabled = !view.available;
      cartStatus.setAttribute("data-ok", String(result.ok));
      if (result.ok) {
        cartStatus.append(t("addedToCart", { title: card.title }), " ");
        const cartLink = h("a", { "data-testid": "cc-view-cart", target: "_top" }, t("viewCart"));
        setHref(cartLink, `${ctx.cartRoot}cart`, ctx.storefrontBase);
        cartStatus.append(cartLink);
        announceCartChange(ctx.eventTarget, ctx.cartEvent, result.items);
      } else {
        cartStatus.textContent = t("cartError", { reason: result.reason });
      }
    }),
  );

  const reason = card.reasons && card.reasons.length > 0 ? h("p", { class: "card-reason" }, card.reasons[0]) : null;
  const article = h(
    "article",
    {
      class: "card",
      "data-testid": "cc-product-card",
      "data-product-id": card.productId,
      "data-handle": card.handle,
      "aria-labelledby": `${id}-title`,
    },
    media.childNodes.length > 0 ? media : null,
    h(
      "div",
      { class: "card-body" },
      title,
      reason,
      price,
      availability,
      ...pickers.map((p) => p.label),
      h("div", { class: "card-actions" }, addButton, viewLink),
      cartStatus,
    ),
  );
  paint();
  return article;
}

export type { VariantView };
