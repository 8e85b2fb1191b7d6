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
  /** The forms, longest first, so a secret that contains another is replaced whole. */
  private ordered: string[] | undefined;

  add(value: string | undefined | null, kind = "secret"): void {
    if (typeof value !== "string") return;
    const trimmed = value.trim();
    if (trimmed.length < MIN_SECRET_LENGTH) return;
    const replacement = mask(trimmed, kind);
    let changed = false;
    for (const form of new Set([...encodings(trimmed), ...encodings(value)])) {
      if (!this.replacements.has(form)) {
        this.replacements.set(form, replacement);
        changed = true;
      }
    }
    if (changed) this.ordered = undefined;
  }

  has(value: string): boolean {
    return this.replacements.has(value.trim());
  }

  get size(): number {
    return this.replacements.size;
  }

  /**
   * A native substring search per known form: a run learns thousands of secrets, and
   * one alternation regex over all of them would be recompiled after every login.
   */
  redact(text: string): string {
    if (this.replacements.size === 0 || text.length === 0) return text;
    this.ordered ??= [...this.replacements.keys()].sort((a, b) => b.length - a.length);
    let out = text;
    for (const form of this.ordered) {
      if (out.includes(form)) out = out.split(form).join(this.replacements.get(form) ?? "«secret»");
    }
    return out;
  }
}

/** The process-wide registry. Tests may create their own; everything else shares this one. */
export const secrets = new SecretRegistry();

/** The one redaction every attachment, error message, log line and terminal line passes through. */
export function redact(text: string): string {
  return secrets.redact(text);
}
