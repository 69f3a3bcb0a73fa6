import { describe, expect, it } from "vitest";
import { accentPalette, contrastRatio, parseHexColor, readableTextOn } from "../src/format/contrast";
import { formatPrice, isDiscounted } from "../src/format/price";
import { safeUrl } from "../src/format/url";

describe("formatPrice", () => {
  it("formats in the shopper's locale and the shop's currency", () => {
    expect(formatPrice(1299, "USD", "en-US")).toBe("$1,299.00");
    expect(formatPrice(24.5, "EUR", "fr-FR").replace(/\s/g, " ")).toBe("24,50 €");
    expect(formatPrice(24.5, "eur", "de")).toMatch(/24,50\s€/);
  });

  it("falls back instead of throwing on an unknown currency or locale", () => {
    expect(formatPrice(12.5, "XYZ1", "en")).toBe("12.50 XYZ1");
    expect(formatPrice(5, "USD", "not a locale!")).toBe("$5.00");
    expect(formatPrice(Number.NaN, "USD", "en")).toBe("");
  });

  it("shows a compare-at price only when it is above the price", () => {
    expect(isDiscounted(40, 50)).toBe(true);
    expect(isDiscounted(40, 40)).toBe(false);
    expect(isDiscounted(40, 30)).toBe(false);
    expect(isDiscounted(40, null)).toBe(false);
  });
});

describe("safeUrl", () => {
  const base = "https://shop.example/collections/all";

  it("accepts http(s) and relative URLs, resolved against the base", () => {
    expect(safeUrl("/products/red-scarf", base)).toBe("https://shop.example/products/red-scarf");
    expect(safeUrl("https://cdn.shopify.com/a.jpg", base)).toBe("https://cdn.shopify.com/a.jpg");
    expect(safeUrl("//cdn.shopify.com/a.jpg", base)).toBe("https://cdn.shopify.com/a.jpg");
    expect(safeUrl("http://wa.me/123?text=hi", base)).toBe("http://wa.me/123?text=hi");
  });

  it.each([
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "blob:https://shop.example/uuid",
    "file:///etc/passwd",
    "",
  ])("rejects %j", (value) => {
    expect(safeUrl(value, base)).toBeNull();
  });

  it("rejects values that are not strings", () => {
    expect(safeUrl(undefined, base)).toBeNull();
    expect(safeUrl({ toString: () => "https://x" }, base)).toBeNull();
  });
});

describe("accent contrast", () => {
  it("puts white text on dark accents and black text on light ones", () => {
    expect(readableTextOn(parseHexColor("#1f6feb")!)).toBe("#ffffff");
    expect(readableTextOn(parseHexColor("#000080")!)).toBe("#ffffff");
    expect(readableTextOn(parseHexColor("#ffd500")!)).toBe("#000000");
    expect(readableTextOn(parseHexColor("#9be9a8")!)).toBe("#000000");
  });

  it("reaches at least 4.5:1 on any accent a merchant can pick", () => {
    for (let r = 0; r <= 255; r += 17) {
      for (let g = 0; g <= 255; g += 17) {
        for (let b = 0; b <= 255; b += 17) {
          const background = { r, g, b };
          const text = parseHexColor(readableTextOn(background))!;
          expect(contrastRatio(text, background)).toBeGreaterThanOrEqual(4.5);
        }
      }
    }
  });

  it("computes the WCAG ratio", () => {
    expect(contrastRatio(parseHexColor("#fff")!, parseHexColor("#000")!)).toBeCloseTo(21, 5);
    expect(contrastRatio(parseHexColor("#777")!, parseHexColor("#fff")!)).toBeCloseTo(4.48, 2);
  });

  it("keeps the default accent when the setting is not a colour", () => {
    expect(accentPalette("red; background:url(x)")).toEqual({ accent: "#1f6feb", onAccent: "#ffffff" });
    expect(accentPalette("#FC0")).toEqual({ accent: "#ffcc00", onAccent: "#000000" });
    expect(accentPalette(undefined).accent).toBe("#1f6feb");
  });
});
