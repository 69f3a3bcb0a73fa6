export interface Rgb {
  r: number;
  g: number;
  b: number;
}

export const defaultAccent = "#1f6feb";

/** Parses #rgb, #rrggbb (and #rrggbbaa, alpha ignored); anything else is null. */
export function parseHexColor(value: string | null | undefined): Rgb | null {
  if (!value) return null;
  const hex = value.trim().replace(/^#/, "");
  if (!/^(?:[0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(hex)) return null;
  const full = hex.length === 3 ? hex.split("").map((c) => c + c).join("") : hex.slice(0, 6);
  return {
    r: parseInt(full.slice(0, 2), 16),
    g: parseInt(full.slice(2, 4), 16),
    b: parseInt(full.slice(4, 6), 16),
  };
}

/** WCAG 2.x relative luminance. */
export function relativeLuminance({ r, g, b }: Rgb): number {
  const channel = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrastRatio(a: Rgb, b: Rgb): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  const [hi, lo] = la > lb ? [la, lb] : [lb, la];
  return (hi + 0.05) / (lo + 0.05);
}

const white: Rgb = { r: 255, g: 255, b: 255 };
const black: Rgb = { r: 0, g: 0, b: 0 };

/** White or black text on the merchant's accent colour, whichever contrasts more (one of them always reaches 4.5:1). */
export function readableTextOn(background: Rgb): "#ffffff" | "#000000" {
  return contrastRatio(white, background) >= contrastRatio(black, background) ? "#ffffff" : "#000000";
}

export function toHex({ r, g, b }: Rgb): string {
  return "#" + [r, g, b].map((v) => Math.round(v).toString(16).padStart(2, "0")).join("");
}

/** The accent the widget paints with, and the text colour that goes on it. Invalid input keeps the default. */
export function accentPalette(value: string | null | undefined): { accent: string; onAccent: string } {
  const rgb = parseHexColor(value) ?? (parseHexColor(defaultAccent) as Rgb);
  return { accent: toHex(rgb), onAccent: readableTextOn(rgb) };
}
