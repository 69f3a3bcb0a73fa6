import { describe, expect, it } from "vitest";
import type { ProductCard, VariantChoice } from "../src/model/protocol";
import { initialVariant, optionAxes, selectVariant, variantView } from "../src/model/variants";

const v = (id: number, size: string, color: string, price: number, available = true, compareAtPrice: number | null = null): VariantChoice => ({
  shopifyId: id,
  title: `${size} / ${color}`,
  price,
  compareAtPrice,
  available,
  options: { Size: size, Color: color },
});

const variants = [
  v(1, "S", "Red", 20),
  v(2, "M", "Red", 22, false),
  v(3, "L", "Red", 24),
  v(4, "S", "Blue", 20, true, 30),
  v(5, "M", "Blue", 22),
];

const card = (overrides: Partial<ProductCard> = {}): ProductCard => ({
  productId: "p1",
  shopifyId: 10,
  handle: "tee",
  title: "Tee",
  url: "/products/tee",
  price: 20,
  available: true,
  variants,
  ...overrides,
});

describe("variant selection", () => {
  it("offers one picker per option with values in catalog order", () => {
    expect(optionAxes(variants)).toEqual([
      { name: "Size", values: ["S", "M", "L"] },
      { name: "Color", values: ["Red", "Blue"] },
    ]);
  });

  it("offers no picker for a single default variant", () => {
    expect(optionAxes([{ shopifyId: 1, title: "Default Title", price: 5, available: true, options: { Title: "Default Title" } }])).toEqual([]);
  });

  it("opens on the engine's pick, else on the first variant in stock", () => {
    expect(initialVariant(card({ selectedVariantId: 5 }))?.shopifyId).toBe(5);
    expect(initialVariant(card({ variants: [v(2, "M", "Red", 22, false), v(3, "L", "Red", 24)] }))?.shopifyId).toBe(3);
    expect(initialVariant(card({ variants: [] }))).toBeNull();
  });

  it("changes price and availability with the chosen size", () => {
    const picked = selectVariant(variants, { Size: "S", Color: "Red" }, "Size", "M");
    expect(picked?.shopifyId).toBe(2);
    expect(variantView(card(), picked)).toMatchObject({ variantId: 2, price: 22, available: false });
  });

  it("keeps the other choice when the combination exists and shows the compare-at price of that variant", () => {
    const picked = selectVariant(variants, { Size: "S", Color: "Red" }, "Color", "Blue");
    expect(variantView(card(), picked)).toMatchObject({ variantId: 4, price: 20, compareAtPrice: 30, available: true });
  });

  it("moves to the closest existing variant when the combination does not exist", () => {
    // L only exists in Red: choosing L while on Blue lands on L / Red.
    expect(selectVariant(variants, { Size: "M", Color: "Blue" }, "Size", "L")?.shopifyId).toBe(3);
    expect(selectVariant(variants, { Size: "M", Color: "Blue" }, "Size", "XXL")).toBeNull();
  });

  it("falls back to the card's own price when there is no variant", () => {
    expect(variantView(card({ price: 9, compareAtPrice: 12, available: false }), null)).toEqual({
      variantId: null, price: 9, compareAtPrice: 12, available: false, options: {},
    });
  });
});
