import { parseSetCookie } from "../http/cookie-jar.ts";
import type { HttpResponse } from "../http/exchange.ts";
import type { RecordedResponse } from "./corpus.ts";
import type { EvidenceProfile } from "../vendor-api/evidence.ts";

const squash = (value: string) => value.toLowerCase().replace(/\s+/g, "");
const show = (value: string | undefined) => (value === undefined ? "(absent)" : JSON.stringify(value));

function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function recordedJson(recorded: RecordedResponse): unknown {
  if (recorded.body !== undefined) return recorded.body;
  return recorded.text !== undefined ? jsonOf(recorded.text.trim()) : undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === "object" && !Array.isArray(value);

/** XML element local names, each once, in document order. */
export function elementNames(xml: string): string[] {
  const names: string[] = [];
  for (const m of xml.matchAll(/<([A-Za-z_][\w.:-]*)/g)) {
    const local = (m[1] ?? "").split(":").pop() ?? "";
    if (!names.includes(local)) names.push(local);
  }
  return names;
}

function rootElement(xml: string): string | undefined {
  const body = xml.replace(/^\s*<\?xml[^>]*\?>\s*/, "");
  const open = /^<([\w.-]+:)?([\w.-]+)([^>]*)>/.exec(body.trim());
  if (!open) return undefined;
  const prefix = open[1]?.slice(0, -1);
  const ns = new RegExp(`xmlns${prefix ? `:${prefix}` : ""}="([^"]*)"`).exec(open[3] ?? "")?.[1] ?? "";
  return `{${ns}}${open[2]}`;
}

function setDifference(what: string, recorded: readonly string[], actual: readonly string[]): string[] {
  const missing = recorded.filter((k) => !actual.includes(k));
  const extra = actual.filter((k) => !recorded.includes(k));
  const out: string[] = [];
  if (missing.length) out.push(`${what}: the recording has ${missing.join(", ")}; the mock does not`);
  if (extra.length) out.push(`${what}: the mock adds ${extra.join(", ")}, which the recording does not have`);
  return out;
}

function bodyDifferences(recorded: RecordedResponse, actual: HttpResponse): string[] {
  const out: string[] = [];
  const type = squash(recorded.headers?.["content-type"] ?? actual.headers["content-type"] ?? "");
  const recordedText = recorded.text;
  if (recordedText === "" && actual.text !== "")
    out.push(`body: the recording's is empty; the mock sends ${actual.text.length} characters`);
  const json = recordedJson(recorded);
  if (isObject(json) || recorded.keys) {
    const actualJson = jsonOf(actual.text.trim());
    if (!isObject(actualJson)) out.push("body: the recording's is a JSON object; the mock's is not");
    else out.push(...setDifference("body keys", recorded.keys ?? Object.keys(json as object), Object.keys(actualJson)));
    if (recordedText !== undefined) {
      const lead = (t: string) => /^\n*/.exec(t)?.[0].length ?? 0;
      if (lead(recordedText) !== lead(actual.text))
        out.push(`body layout: the recording starts with ${lead(recordedText)} blank lines, the mock's with ${lead(actual.text)}`);
    }
    const layout = recorded.layout ?? (recordedText !== undefined ? (/\{\s*\n/.test(recordedText) ? "pretty" : "compact") : undefined);
    const actualLayout = /\{\s*\n/.test(actual.text) ? "pretty" : "compact";
    if (layout && isObject(actualJson) && layout !== actualLayout)
      out.push(`body layout: the recording's JSON is ${layout}-printed, the mock's ${actualLayout}`);
    return out;
  }
  const xml = recorded.elements !== undefined || (recordedText?.trim().startsWith("<") === true && type.includes("xml"));
  if (xml) {
    const recordedElements = recorded.elements ?? elementNames(recordedText ?? "");
    out.push(...setDifference("XML elements", recordedElements, elementNames(actual.text)));
    const recordedRoot = recorded.rootElement ?? rootElement(recordedText ?? "");
    const actualRoot = rootElement(actual.text);
    if (recordedRoot !== actualRoot) out.push(`XML root element: recorded ${show(recordedRoot)}, mock ${show(actualRoot)}`);
    const declared = recorded.xmlDeclaration ?? /^\s*<\?xml/.test(recordedText ?? "");
    const actualDeclared = /^\s*<\?xml/.test(actual.text);
    if (declared !== actualDeclared)
      out.push(
        `XML declaration: the recording ${declared ? "starts with one" : "has none"}, the mock's ${actualDeclared ? "starts with one" : "has none"}`,
      );
    return out;
  }
  if (recordedText !== undefined && /^\s*<html/i.test(recordedText) && !/^\s*<html/i.test(actual.text))
    out.push("body: the recording is an HTML page; the mock's is not");
  return out;
}

function cookieDifferences(recorded: RecordedResponse, actual: HttpResponse, profile: EvidenceProfile): string[] {
  if (!recorded.setCookies) return [];
  const out: string[] = [];
  const parse = (h: string) => parseSetCookie(h, 0);
  const recordedCookies = recorded.setCookies.map(parse).filter((c) => c && profile.carrierCookies.includes(c.name));
  const actualCookies = actual.setCookies.map(parse).filter((c) => c && profile.carrierCookies.includes(c.name));
  for (const r of recordedCookies) {
    if (!r) continue;
    const a = actualCookies.find((c) => c?.name === r.name);
    if (!a) {
      out.push(`cookie ${r.name}: the recording sets it; the mock does not`);
      continue;
    }
    if ((r.path ?? "") !== (a.path ?? "")) out.push(`cookie ${r.name} Path: recorded ${show(r.path)}, mock ${show(a.path)}`);
    if (r.httpOnly !== a.httpOnly) out.push(`cookie ${r.name} HttpOnly: recorded ${r.httpOnly}, mock ${a.httpOnly}`);
    if (r.sameSite && squash(r.sameSite) !== squash(a.sameSite ?? ""))
      out.push(`cookie ${r.name} SameSite: recorded ${r.sameSite}, mock ${show(a.sameSite)}`);
  }
  for (const a of actualCookies)
    if (a && !recordedCookies.some((r) => r?.name === a.name)) out.push(`cookie ${a.name}: the mock sets it; the recording does not`);
  return out;
}

/**
 * How a mock's answer differs from a recorded one, in what a client can tell apart: status,
 * content type, the vendor's notable headers, session cookies and their attributes, and the
 * body's shape (key or element set, layout, XML declaration) — never values a server picks.
 */
export function compareResponse(recorded: RecordedResponse, actual: HttpResponse, profile: EvidenceProfile): string[] {
  const out: string[] = [];
  if (recorded.status !== actual.status) out.push(`status: recorded ${recorded.status}, mock ${actual.status}`);
  const recordedType = recorded.headers?.["content-type"];
  // A recording that names no parameters (a quoted media type) is compared by media type only.
  const comparable = (type: string) => (recordedType?.includes(";") ? squash(type) : (squash(type).split(";")[0] ?? ""));
  if (recordedType !== undefined && comparable(recordedType) !== comparable(actual.headers["content-type"] ?? ""))
    out.push(`content type: recorded ${show(recordedType)}, mock ${show(actual.headers["content-type"])}`);
  for (const name of profile.notableHeaders) {
    const value = recorded.headers?.[name];
    if (value === undefined) continue;
    // A Location is compared by its path: the origin is the deployment's, a nocache parameter the moment's.
    const normal = (v: string | undefined) =>
      v === undefined ? "" : name === "location" ? new URL(v, "http://any.invalid").pathname : squash(v);
    if (normal(value) !== normal(actual.headers[name]))
      out.push(`header ${name}: recorded ${show(value)}, mock ${show(actual.headers[name])}`);
  }
  out.push(...cookieDifferences(recorded, actual, profile));
  if (recorded.status === actual.status) out.push(...bodyDifferences(recorded, actual));
  return out;
}
