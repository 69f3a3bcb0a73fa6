import { describe, expect, it } from "vitest";
import { resolveLanguage, translator } from "../src/i18n/strings";

describe("localisation", () => {
  it("uses the merchant's language setting over the storefront locale", () => {
    expect(resolveLanguage("fr", "en-US")).toBe("fr");
    expect(resolveLanguage("auto", "fr-CA", "en")).toBe("fr");
    expect(resolveLanguage(null, "de_DE")).toBe("de");
  });

  it("falls back to the next candidate, then English, for unsupported languages", () => {
    expect(resolveLanguage("ja", "fr")).toBe("fr");
    expect(resolveLanguage("auto", "pt-BR", "", null)).toBe("en");
  });

  it("speaks French and fills placeholders", () => {
    const t = translator("fr");
    expect(t("addToCart")).toBe("Ajouter au panier");
    expect(t("addedToCart", { title: "Écharpe" })).toBe("Ajouté à votre panier : Écharpe");
  });

  it("falls back to English for a key a partial table lacks, never showing the key", () => {
    const de = translator("de");
    expect(de("addToCart")).toBe("In den Warenkorb");
    expect(de("emailSent")).toBe(translator("en")("emailSent"));
    expect(translator("xx")("send")).toBe("Send");
  });

  it("leaves unknown placeholders visible rather than inventing values", () => {
    expect(translator("en")("errorTooLong", {})).toContain("{max}");
  });
});
