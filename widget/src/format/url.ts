const allowedProtocols = new Set(["http:", "https:"]);

/**
 * A URL safe to put in href or src: http(s) absolute, protocol-relative or a relative path, resolved against
 * `base`. Everything else (javascript:, data:, vbscript:, blob:, malformed) gives null. Control characters and
 * whitespace inside the scheme are how filters get fooled ("java\tscript:"), so the check is made on the URL the
 * browser would actually resolve, not on the raw text.
 */
export function safeUrl(raw: unknown, base: string): string | null {
  if (typeof raw !== "string") return null;
  const value = raw.trim();
  if (value === "" || value.length > 2048) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return null;
  let resolved: URL;
  try {
    resolved = new URL(value, base);
  } catch {
    return null;
  }
  if (!allowedProtocols.has(resolved.protocol)) return null;
  return resolved.href;
}

/** The origin of a script's src, used as the app's address when the embed does not give one. */
export function originOf(src: string | null | undefined): string | null {
  if (!src) return null;
  try {
    const url = new URL(src, globalThis.location?.href);
    return allowedProtocols.has(url.protocol) ? url.origin : null;
  } catch {
    return null;
  }
}
