// Bundles the widget (with @microsoft/signalr) into one minified IIFE, writes it where the app serves it and
// into the theme app extension's assets, and fails when it grows past the size budget.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const appOut = join(here, "..", "src", "ConversationalCommerce.App", "wwwroot", "widget", "chat-widget.js");
const extensionOut = join(here, "extensions", "chat-widget", "assets", "chat-widget.js");
const budgetBytes = 40 * 1024;

mkdirSync(dirname(appOut), { recursive: true });
await build({
  entryPoints: [join(here, "src", "index.ts")],
  outfile: appOut,
  bundle: true,
  minify: true,
  format: "iife",
  platform: "browser",
  target: "es2020",
  legalComments: "none",
  charset: "utf8",
  sourcemap: false,
  logLevel: "warning",
});
mkdirSync(dirname(extensionOut), { recursive: true });
copyFileSync(appOut, extensionOut);

const bytes = readFileSync(appOut);
const gzipped = gzipSync(bytes, { level: 9 }).length;
const kb = (n) => (n / 1024).toFixed(1) + " KB";
console.log(`chat-widget.js: ${kb(bytes.length)} minified, ${kb(gzipped)} gzipped (budget ${kb(budgetBytes)})`);
console.log(`  -> ${relative(process.cwd(), appOut)}\n  -> ${relative(process.cwd(), extensionOut)}`);
if (gzipped > budgetBytes) {
  console.error(`chat-widget.js is ${kb(gzipped)} gzipped, over the ${kb(budgetBytes)} budget`);
  process.exit(1);
}
