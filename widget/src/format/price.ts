const formatters = new Map<string, Intl.NumberFormat>();

/**
 * A price as the shopper reads it in their language, e.g. "$1,299.00" or "1 299,00 €". The amount comes from
 * C# decimals serialised as JSON numbers. An unknown currency code falls back to "12.50 XYZ" rather than throwing.
 */
export function formatPrice(amount: number, currency: string, locale: string): string {
  if (!Number.isFinite(amount)) return "";
  const code = (currency || "USD").toUpperCase();
  const key = `${locale}|${code}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    try {
      formatter = new Intl.NumberFormat(locale || "en", { style: "currency", currency: code });
    } catch {
      try {
        formatter = new Intl.NumberFormat("en", { style: "currency", currency: code });
      } catch {
        return `${amount.toFixed(2)} ${code}`;
      }
    }
    formatters.set(key, formatter);
  }
  return formatter.format(amount);
}

/** The compare-at price is only worth showing (struck through) when it is higher than the price. */
export function isDiscounted(price: number, compareAtPrice: number | null | undefined): compareAtPrice is number {
  return typeof compareAtPrice === "number" && Number.isFinite(compareAtPrice) && compareAtPrice > price;
}
