import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface SecretHit {
  where: string;
  what: string;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const xmlEscape = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");

/**
 * Every form a secret can take in an artifact, the ones the redactor claims to catch:
 * raw, URL-encoded, form-encoded, JSON-escaped and XML-escaped. The scan is written
 * apart from the redactor and shares none of its code, so a gap in one is not hidden
 * by the same gap in the other.
 */
export function encodings(secret: string): { form: string; text: string }[] {
  const forms: [string, string][] = [
    ["raw", secret],
    ["url", encodeURIComponent(secret)],
    ["form", new URLSearchParams({ x: secret }).toString().slice(2)],
    ["json", JSON.stringify(secret).slice(1, -1)],
    ["xml", xmlEscape(secret)],
  ];
  const seen = new Set<string>();
  return forms.filter(([, text]) => !seen.has(text) && seen.add(text)).map(([form, text]) => ({ form, text }));
}

/**
 * Searches every file under a directory, and the terminal output, for each secret in
 * every encoding, for the base64 of Basic credentials (`user:password`), and for
 * secret-shaped strings (a token pattern). Returns every hit.
 */
export function scanForSecrets(options: {
  dir: string;
  terminal: string;
  literals: readonly string[];
  patterns: readonly RegExp[];
  basic?: readonly [string, string][];
}): { hits: SecretHit[]; filesScanned: number } {
  const sources = files(options.dir).map((path) => ({ where: path, text: readFileSync(path, "latin1") }));
  sources.push({ where: "terminal output", text: options.terminal });
  const needles = options.literals.flatMap((literal, i) =>
    encodings(literal).map((e) => ({ text: e.text, what: `secret #${i + 1} (${e.form})` })),
  );
  for (const [user, password] of options.basic ?? [])
    needles.push({ text: Buffer.from(`${user}:${password}`).toString("base64"), what: `Basic credentials of ${user} (base64)` });
  const hits: SecretHit[] = [];
  for (const { where, text } of sources) {
    for (const needle of needles) if (text.includes(needle.text)) hits.push({ where, what: needle.what });
    for (const pattern of options.patterns) {
      const match = text.match(pattern);
      if (match) hits.push({ where, what: `${pattern} matched ${match[0].length} characters` });
    }
  }
  return { hits, filesScanned: sources.length - 1 };
}

/**
 * The scan proving itself: a control secret (with characters every encoding changes) is
 * planted, unredacted and in every encoding, in a file of the scanned folder. The scan
 * must find it there in each form — and find nothing else.
 */
export function scanWithControl(options: Parameters<typeof scanForSecrets>[0]): {
  hits: SecretHit[];
  filesScanned: number;
  control: { found: string[]; expected: string[] };
} {
  const control = `ctl-${randomBytes(6).toString("hex")} &<"'>/+=`;
  const planted = join(options.dir, "sessionprobe-control-secret.txt");
  const forms = encodings(control);
  writeFileSync(planted, forms.map((e) => `${e.form}: ${e.text}`).join("\n"));
  const result = scanForSecrets({ ...options, literals: [...options.literals, control] });
  const controlLabel = `secret #${options.literals.length + 1} `;
  const found = result.hits
    .filter((h) => h.where === planted && h.what.startsWith(controlLabel))
    .map((h) => h.what.slice(controlLabel.length));
  const hits = result.hits.filter((h) => h.where !== planted);
  return { hits, filesScanned: result.filesScanned - 1, control: { found, expected: forms.map((e) => `(${e.form})`) } };
}
