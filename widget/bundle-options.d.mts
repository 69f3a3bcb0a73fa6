import type { BuildOptions } from "esbuild";
export declare function bundleOptions(widgetDir: string, outfile: string): BuildOptions;
