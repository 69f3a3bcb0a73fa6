import type { ProductCard, VariantChoice } from "./protocol";

/** One picker per option (Size, Color…), with its values in catalog order. */
export interface OptionAxis {
  name: string;
  values: string[];
}

/** What the card shows for the variant the shopper has picked. */
export interface VariantView {
  variantId: number | null;
  price: number;
  compareAtPrice: number | null;
  available: boolean;
  options: Record<string, string>;
}

/** Option axes worth a picker: a product with a single "Default Title" variant has none. */
export function optionAxes(variants: readonly VariantChoice[] | undefined): OptionAxis[] {
  if (!variants || variants.length < 2) return [];
  const axes = new Map<string, string[]>();
  for (const v of variants) {
    for (const [name, value] of Object.entries(v.options ?? {})) {
      if (typeof value !== "string" || value === "") continue;
      const values = axes.get(name) ?? [];
      if (!values.includes(value)) values.push(value);
      axes.set(name, values);
    }
  }
  return [...axes.entries()]
    .filter(([name, values]) => values.length > 1 || (values.length === 1 && name.toLowerCase() !== "title"))
    .map(([name, values]) => ({ name, values }));
}

/** The variant the card opens on: the engine's pick (the shopper's size/colour), else the first in stock, else the first. */
export function initialVariant(card: ProductCard): VariantChoice | null {
  const variants = card.variants ?? [];
  if (variants.length === 0) return null;
  return (
    variants.find((v) => v.shopifyId === card.selectedVariantId) ??
    variants.find((v) => v.available) ??
    variants[0] ??
    null
  );
}

/**
 * The shopper changed one option. Keep the other choices when that combination exists; otherwise take the
 * variant with the new value that keeps most of the other choices, preferring one in stock.
 */
export function selectVariant(
  variants: readonly VariantChoice[],
  current: Record<string, string>,
  option: string,
  value: string,
): VariantChoice | null {
  const wanted = { ...current, [option]: value };
  const exact = variants.find((v) => matches(v, wanted));
  if (exact) return exact;
  const withValue = variants.filter((v) => v.options?.[option] === value);
  if (withValue.length === 0) return null;
  const score = (v: VariantChoice) =>
    Object.entries(wanted).filter(([k, val]) => v.options?.[k] === val).length * 2 + (v.available ? 1 : 0);
  return withValue.reduce((best, v) => (score(v) > score(best) ? v : best));
}

export function variantView(card: ProductCard, variant: VariantChoice | null): VariantView {
  if (!variant) {
    return {
      variantId: null,
      price: card.price,
      compareAtPrice: card.compareAtPrice ?? null,
      available: card.available,
      options: {},
    };
  }
  return {
    variantId: variant.shopifyId,
    price: variant.price,
    compareAtPrice: variant.compareAtPrice ?? null,
    available: variant.available,
    options: { ...(variant.options ?? {}) },
  };
}

function matches(v: VariantChoice, wanted: Record<string, string>): boolean {
  return Object.entries(wanted).every(([k, val]) => v.options?.[k] === val);
}
