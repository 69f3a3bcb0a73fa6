// esbuild options of chat-widget.js, shared by the build and the test that checks the committed bundle is current.
import { join } from "node:path";

export function bundleOptions(widgetDir, outfile) {
  return {
    entryPoints: [join(widgetDir, "src", "index.ts")],
    outfile,
    bundle: true,
    minify: true,
    format: "iife",
    platform: "browser",
    target: "es2020",
    legalComments: "none",
    charset: "utf8",
    sourcemap: false,
    logLevel: "warning",
  };
}
