import { createHmac, randomBytes } from "node:crypto";
import { escapeXml } from "../text/xml-escape.ts";

/**
 * Every secret value the process has seen: credentials from targets, and tokens,
 * session ids and cookie values learned from traffic. `redact()` replaces each one,
 * in every encoding it may travel in, with a short fingerprint.
 *
 * The fingerprint is an HMAC under a key shared by one run (the Playwright config
 * sets SESSIONPROBE_FINGERPRINT_KEY before workers fork), so "did the token change?"
 * stays answerable across a report while a short or guessable secret cannot be
 * recovered from its fingerprint.
 */
const MIN_SECRET_LENGTH = 3;
const FINGERPRINT_KEY_ENV = "SESSIONPROBE_FINGERPRINT_KEY";

function fingerprintKey(): string {
  const fromEnv = process.env[FINGERPRINT_KEY_ENV];
  if (fromEnv) return fromEnv;
  const key = randomBytes(16).toString("hex");
  process.env[FINGERPRINT_KEY_ENV] = key;
  return key;
}

const key = fingerprintKey();

export function fingerprint(value: string): string {
  return createHmac("sha256", key).update(value).digest("hex").slice(0, 8);
}

export function mask(value: string, kind = "secret"): string {
  return `«${kind}#${fingerprint(value)}»`;
}

/** The forms a secret takes on the wire and in files: raw, URL/form-encoded, JSON- and XML-escaped. */
function encodings(value: string): string[] {
  const forms = new Set([
    value,
    encodeURIComponent(value),
    encodeURIComponent(value).replace(/%20/g, "+"),
    JSON.stringify(value).slice(1, -1),
    escapeXml(value),
  ]);
  return [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH);
}

export class SecretRegistry {
  /** encoded form → replacement text */
  private readonly replacements = new Map<string, string>();
  /**
   * The forms by their first MIN_SECRET_LENGTH characters, each bucket longest first: one pass
   * over a text finds every form starting at each position, however many secrets a process has
   * learned. (A substring search per known form made every redaction cost as many searches as
   * secrets: a mutation run or an exploration learns tens of thousands in one process.)
   */
  private readonly byPrefix = new Map<number, string[]>();
  /** Few forms: a native substring search per form is faster than a pass over the text. */
  private ordered: string[] | undefined;

  add(value: string | undefined | null, kind = "secret"): void {
    if (typeof value !== "string") return;
    const trimmed = value.trim();
    if (trimmed.length < MIN_SECRET_LENGTH) return;
    // Known already (a seeded credential registered at every start): its forms are in.
    if (trimmed === value && this.replacements.has(trimmed)) return;
    const replacement = mask(trimmed, kind);
    for (const form of new Set([...encodings(trimmed), ...encodings(value)])) {
      if (this.replacements.has(form)) continue;
      this.replacements.set(form, replacement);
      this.ordered = undefined;
      const prefix = prefixKey(form, 0);
      const bucket = this.byPrefix.get(prefix) ?? [];
      const at = bucket.findIndex((other) => other.length < form.length);
      bucket.splice(at < 0 ? bucket.length : at, 0, form);
      this.byPrefix.set(prefix, bucket);
    }
  }

  has(value: string): boolean {
    return this.replacements.has(value.trim());
  }

  get size(): number {
    return this.replacements.size;
  }

  /** Every known form replaced by its fingerprint; a secret containing another is replaced whole. */
  redact(text: string): string {
    if (this.replacements.size === 0 || text.length < MIN_SECRET_LENGTH) return text;
    return this.replacements.size <= FEW_FORMS ? this.redactEach(text) : this.redactInOnePass(text);
  }

  private redactEach(text: string): string {
    this.ordered ??= [...this.replacements.keys()].sort((a, b) => b.length - a.length);
    let out = text;
    for (const form of this.ordered) if (out.includes(form)) out = out.split(form).join(this.replacements.get(form) ?? "«secret»");
    return out;
  }

  /** Leftmost-longest: at each position, the longest known form starting there. */
  private redactInOnePass(text: string): string {
    let out = "";
    let copied = 0;
    for (let i = 0; i <= text.length - MIN_SECRET_LENGTH; ) {
      const bucket = this.byPrefix.get(prefixKey(text, i));
      const form = bucket?.find((candidate) => text.startsWith(candidate, i));
      if (form === undefined) {
        i++;
        continue;
      }
      out += text.slice(copied, i) + (this.replacements.get(form) ?? "«secret»");
      i += form.length;
      copied = i;
    }
    return copied === 0 ? text : out + text.slice(copied);
  }
}

/** Up to this many forms, one substring search each; past it, one pass over the text (measured: the two cost the same near 500). */
const FEW_FORMS = 500;

/** The first MIN_SECRET_LENGTH (3) UTF-16 units at `at`, as one number (48 bits: exact in a double). */
function prefixKey(text: string, at: number): number {
  return text.charCodeAt(at) * 4_294_967_296 + text.charCodeAt(at + 1) * 65_536 + text.charCodeAt(at + 2);
}

/** The process-wide registry. Tests may create their own; everything else shares this one. */
export const secrets = new SecretRegistry();

/** The one redaction every attachment, error message, log line and terminal line passes through. */
export function redact(text: string): string {
  return secrets.redact(text);
}
