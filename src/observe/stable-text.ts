import { redact } from "../redact/secrets.ts";

/**
 * Text as a record may hold it: secrets redacted, and whatever changes from run to
 * run without the server changing replaced by a placeholder, so a diff shows only
 * real differences. Order matters: secrets first (a token may look like a hex id),
 * then the target's address (ports are random against mocks), then clocks, then ids.
 */
const FINGERPRINT = /«([^#«»]+)#[0-9a-f]{8}»/g;
/** ISO dates and instants keep their format (digits become 9): "which date format" is itself an observation. */
const ISO_INSTANT = /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b/g;
const HTTP_DATE = /\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2}[ -][A-Z][a-z]{2}[ -]\d{4} \d{2}:\d{2}:\d{2} GMT\b/g;
const EPOCH = /(?<![0-9A-Za-z])\d{10}(?:\d{3})?(?![0-9A-Za-z])/g;
const UUID = /(?<![0-9A-Za-z])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![0-9A-Za-z])/gi;
/** The scenario's `${random}` (8 hex digits) and opaque ids: a run of 8+ hex digits standing alone. */
const HEX_RUN = /(?<![0-9A-Za-z])[0-9A-Fa-f]{8,}(?![0-9A-Za-z])/g;

export const MAX_VALUE_LENGTH = 300;

export type Scrubber = (text: string) => string;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A scrubber for one target: its base URL's origin and host become ‹target›. */
export function scrubberFor(baseUrl: string): Scrubber {
  const addresses: string[] = [];
  try {
    const url = new URL(baseUrl);
    addresses.push(url.origin, url.host);
  } catch {
    // Not a URL (a test double): nothing address-like to hide.
  }
  const address = addresses.length ? new RegExp(addresses.map(escapeRegExp).join("|"), "g") : undefined;
  return (text: string) => {
    let out = redact(text).replace(FINGERPRINT, "«$1»");
    if (address) out = out.replace(address, "‹target›");
    return out
      .replace(ISO_INSTANT, (m) => `‹time ${m.replace(/\d/g, "9")}›`)
      .replace(HTTP_DATE, "‹http-date›")
      .replace(EPOCH, (m) => (m.length === 13 ? "‹epoch-ms›" : "‹epoch-s›"))
      .replace(UUID, "‹id›")
      .replace(HEX_RUN, "‹id›");
  };
}

/** Keys sorted at every level, so the same content always prints the same. */
export function stableStringify(value: unknown, indent?: number): string {
  return JSON.stringify(sortKeys(value), null, indent);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .filter((key) => record[key] !== undefined)
        .map((key) => [key, sortKeys(record[key])]),
    );
  }
  return value;
}

/** Long values (an HTML page observed whole) are cut: the record is for diffs, not archives. */
export function clip(text: string): string {
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH)}…(${text.length} chars)` : text;
}
