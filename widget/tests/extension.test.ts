// @vitest-environment node
import { check } from "@shopify/theme-check-node";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { configAttributes } from "../src/ui/config";

const widgetDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const extension = join(widgetDir, "extensions", "chat-widget");
const embed = readFileSync(join(extension, "blocks", "chat-embed.liquid"), "utf8");
const schema = JSON.parse(/{%\s*schema\s*%}([\s\S]*?){%\s*endschema\s*%}/.exec(embed)![1]!);
const json = (path: string) => JSON.parse(readFileSync(join(extension, path), "utf8"));

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k)).sort();
}

describe("theme app extension", () => {
  it("passes Shopify's theme check for app extensions with no offence", async () => {
    const offenses = await check(extension, join(widgetDir, "theme-check.yml"));
    expect(offenses.map((o) => `${o.check}: ${o.message} (${o.uri})`)).toEqual([]);
  });

  it("is linted for real: a parser-blocking script and a missing translation are reported", async () => {
    const copy = mkdtempSync(join(tmpdir(), "cc-extension-"));
    try {
      cpSync(extension, copy, { recursive: true });
      const broken = embed.replace(/\n\s*defer\n/, "\n").replace("'chat.setup_incomplete' | t", "'chat.nope' | t");
      writeFileSync(join(copy, "blocks", "chat-embed.liquid"), broken);
      const found = (await check(copy)).map((o) => o.check).sort();
      expect(found).toEqual(["ParserBlockingScript", "TranslationKeyExists"]);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it("has the layout Shopify CLI expects: a theme-type toml and only the allowed folders", () => {
    const toml = readFileSync(join(extension, "shopify.extension.toml"), "utf8");
    expect(toml).toMatch(/^type = "theme"$/m);
    expect(toml).toMatch(/^name = "[^"]{1,30}"$/m);
    const entries = readdirSync(extension).sort();
    expect(entries.every((e) => ["assets", "blocks", "locales", "snippets", "shopify.extension.toml"].includes(e))).toBe(true);
    expect(readdirSync(join(extension, "blocks"))).toEqual(["chat-embed.liquid"]);
  });

  it("is an app embed on the body with the merchant's settings", () => {
    expect(schema.target).toBe("body");
    const settings = Object.fromEntries(schema.settings.filter((s: any) => s.id).map((s: any) => [s.id, s]));
    expect(settings.accent_color.type).toBe("color");
    expect(settings.position.options.map((o: any) => o.value).sort()).toEqual(["left", "right"]);
    expect(settings.greeting.type).toBe("text");
    expect(settings.launcher_label.type).toBe("text");
    expect(settings.language.options.map((o: any) => o.value)).toEqual(expect.arrayContaining(["auto", "en", "fr"]));
  });

  it("passes the widget exactly the data attributes it reads", () => {
    const used = [...new Set([...embed.matchAll(/\s(data-[a-z-]+)=/g)].map((m) => m[1]))].sort();
    expect(used).toEqual([...configAttributes].sort());
    expect(embed).toContain("{{ 'chat-widget.js' | asset_url }}");
    expect(embed).toMatch(/{%-?\s*if customer\s*%} data-customer-id="{{ customer.id }}"/);
  });

  it("is embedded on the demo storefront the same way: same script, same attributes", () => {
    const page = readFileSync(join(widgetDir, "..", "src", "ConversationalCommerce.App", "wwwroot", "demo", "storefront.html"), "utf8");
    const tag = /<script\s+src="\/widget\/chat-widget\.js"([\s\S]*?)><\/script>/.exec(page);
    expect(tag).not.toBeNull();
    const attributes = [...tag![1]!.matchAll(/\s(data-[a-z-]+)=/g)].map((m) => m[1]).sort();
    expect(attributes).toEqual(configAttributes.filter((a) => a !== "data-customer-id").sort());
    expect(tag![1]).toMatch(/\sdefer\s/);
  });

  it("has the same keys in every language it ships", () => {
    expect(keys(json("locales/fr.json"))).toEqual(keys(json("locales/en.default.json")));
    expect(keys(json("locales/fr.schema.json"))).toEqual(keys(json("locales/en.default.schema.json")));
  });
});

describe("bundle", () => {
  const served = join(widgetDir, "..", "src", "ConversationalCommerce.App", "wwwroot", "widget", "chat-widget.js");
  const asset = join(extension, "assets", "chat-widget.js");

  it("is the same file in the app's wwwroot and in the extension's assets", () => {
    expect(existsSync(served)).toBe(true);
    expect(readFileSync(asset).equals(readFileSync(served))).toBe(true);
  });

  it("stays within 40 KB gzipped", () => {
    expect(gzipSync(readFileSync(served), { level: 9 }).length).toBeLessThanOrEqual(40 * 1024);
  });

  it("contains no innerHTML or eval of its own", () => {
    const source = readFileSync(asset, "utf8");
    expect(source).not.toMatch(/\.innerHTML\s*=|insertAdjacentHTML|document\.write\(|\beval\(|new Function\(/);
  });
});
