import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { setCookiePair } from "../http/cookie-jar.ts";
import type { RecordedExchange } from "./corpus.ts";
import { CorpusError } from "./corpus.ts";
import { profileOf } from "./profiles.ts";

interface HarHeader {
  name: string;
  value: string;
}
export interface HarEntry {
  request: { method: string; url: string; headers: HarHeader[]; postData?: { mimeType?: string; text?: string } };
  response: { status: number; headers: HarHeader[]; content?: { mimeType?: string; text?: string; encoding?: string } };
}

/** A HAR 1.2 file's entries (ours, a browser's devtools export, Playwright's recordHar), checked: an error names the file and the entry. */
export function readHar(path: string): HarEntry[] {
  const file = relative(process.cwd(), path) || path;
  let data: { log?: { entries?: unknown } };
  try {
    data = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new CorpusError(
      `${file}: not a HAR file: ${(error as Error).message} (expected the JSON a browser's "Save all as HAR" or Playwright's recordHar writes)`,
    );
  }
  const entries = data.log?.entries;
  if (!Array.isArray(entries)) throw new CorpusError(`${file}: not a HAR file: log.entries is missing (expected {"log":{"entries":[…]}})`);
  entries.forEach((e: Partial<HarEntry>, i) => {
    if (typeof e?.request?.method !== "string" || typeof e.request.url !== "string" || !Array.isArray(e.request.headers))
      throw new CorpusError(`${file}: log.entries[${i}]: request.method, request.url and request.headers are required`);
    if (typeof e.response?.status !== "number" || !Array.isArray(e.response.headers))
      throw new CorpusError(`${file}: log.entries[${i}]: response.status and response.headers are required`);
  });
  return entries as HarEntry[];
}

/** Joins the entry files of a `run --record-har` into one HAR 1.2 document, in the order the exchanges started. */
export function writeHarFrom(dir: string, out: string, creator: { name: string; version: string }): number {
  const entries = readdirSync(dir)
    .filter((n) => n.endsWith(".jsonl"))
    .flatMap((n) =>
      readFileSync(join(dir, n), "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { startedDateTime: string }),
    )
    .sort((a, b) => a.startedDateTime.localeCompare(b.startedDateTime));
  writeFileSync(out, `${JSON.stringify({ log: { version: "1.2", creator, entries } }, null, 2)}\n`);
  return entries.length;
}

/**
 * Recorded exchanges from HAR entries, with every credential a placeholder the replay
 * fills from the mock: a value a login answered with becomes `{{token}}` (HMC
 * `{{session}}`, vManage `{{jsessionid}}`), and `{{ended-…}}` once a logout carried it;
 * a login's user and password become `{{username}}` and `{{password}}` (a refused login's
 * `{{wrong-password}}`). Paths are taken below `basePath` (AM's /am, Control-M's /automation-api).
 */
export async function harToExchanges(
  entries: readonly HarEntry[],
  options: { vendor: string; basePath: string; file: string },
): Promise<RecordedExchange[]> {
  const profile = await profileOf(options.vendor);
  const name = profile.placeholder;
  const values = new Map<string, string>();
  const placeholder = (value: string) => values.get(value) ?? value;
  const sessions = new Map<string, number>();
  return entries.map((entry, index) => {
    const url = new URL(entry.request.url);
    const path = (url.pathname.startsWith(options.basePath) ? url.pathname.slice(options.basePath.length) : url.pathname) + url.search;
    const headers: Record<string, string> = {};
    for (const h of entry.request.headers) if (!h.name.startsWith(":")) headers[h.name.toLowerCase()] = h.value;
    let text = entry.request.postData?.text ?? "";
    const login = profile.credentials({ headers, text });
    const status = entry.response.status;
    const refused = status >= 400 || /<html|"error"/i.test(entry.response.content?.text ?? "");
    if (login) {
      const user = "{{username}}";
      const password = refused ? "{{wrong-password}}" : "{{password}}";
      for (const [key, value] of Object.entries(headers))
        headers[key] = value.replace(login.password, password).replace(login.username, user);
      text = text
        .split(login.password)
        .join(password)
        .split(encodeURIComponent(login.password))
        .join(password)
        .split(login.username)
        .join(user);
    }
    for (const carrier of profile.carrierHeaders) {
      const value = headers[carrier];
      if (value !== undefined)
        headers[carrier] = value.replace(
          /^(Bearer\s+)?(.*)$/i,
          (_m, bearer: string | undefined, v: string) => `${bearer ?? ""}${placeholder(v)}`,
        );
    }
    if (headers.cookie)
      headers.cookie = headers.cookie.replace(/([^=;\s]+)=([^;]*)/g, (m, cookie: string, v: string) =>
        profile.carrierCookies.includes(cookie) ? `${cookie}=${placeholder(v)}` : m,
      );
    for (const [value, held] of values) text = text.split(value).join(held);
    // Only the values this logout carried end: other sessions' tokens have the same placeholder but stay live.
    const raw = `${JSON.stringify(entry.request.headers)} ${entry.request.postData?.text ?? ""}`;
    if ((/logout/i.test(path) || entry.request.method === "DELETE") && status < 400)
      for (const [value, held] of values) if (raw.includes(value)) values.set(value, held.replace("{{", "{{ended-"));
    const responseHeaders: Record<string, string> = {};
    const setCookies: string[] = [];
    for (const h of entry.response.headers) {
      if (h.name.toLowerCase() === "set-cookie") setCookies.push(h.value);
      else if (!h.name.startsWith(":")) responseHeaders[h.name.toLowerCase()] = h.value;
    }
    const responseText =
      entry.response.content?.encoding === "base64"
        ? Buffer.from(entry.response.content.text ?? "", "base64").toString()
        : (entry.response.content?.text ?? "");
    // What this answer issued: its login value, for the requests after it.
    const issued = { ...profile.bind({ status, headers: responseHeaders, setCookies, text: responseText }, path) };
    // Each session a login opens has its own name (token, token-2 …): a replay keeps them apart as the recording did.
    const binds: Record<string, string> = {};
    for (const [key, value] of Object.entries(issued)) {
      if ((key !== name && key !== "xsrf") || values.has(value)) continue;
      const count = (sessions.get(key) ?? 0) + 1;
      sessions.set(key, count);
      const named = count === 1 ? key : `${key}-${count}`;
      values.set(value, `{{${named}}}`);
      if (named !== key) binds[key] = named;
    }
    for (const cookie of setCookies) {
      const pair = setCookiePair(cookie);
      if (pair && profile.carrierCookies.includes(pair.name) && !values.has(pair.value))
        values.set(pair.value, `{{${binds[name] ?? name}}}`);
    }
    const exchange: RecordedExchange = {
      source: `${options.file}#log.entries[${index}]`,
      release: "the recorded target",
      request: { method: entry.request.method, path, headers, ...(text ? { text } : {}) },
      response: { status, headers: responseHeaders, setCookies, text: responseText },
    };
    if (Object.keys(binds).length) exchange.binds = binds;
    return exchange;
  });
}
