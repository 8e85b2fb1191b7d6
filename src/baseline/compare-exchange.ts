import type { CookieShape, ExchangeRecord } from "../observe/types.ts";
import type { Aspect } from "./types.ts";

export interface AspectDiff {
  aspect: Aspect;
  detail: string;
}

export interface ValueDiff {
  key: string;
  before: string | undefined;
  after: string | undefined;
}

const MAX_LISTED = 6;

function list(items: readonly string[]): string {
  return items.length > MAX_LISTED ? `${items.slice(0, MAX_LISTED).join("; ")}; …and ${items.length - MAX_LISTED} more` : items.join("; ");
}

function setDiff(before: readonly string[], after: readonly string[]): string[] {
  return [
    ...after.filter((x) => !before.includes(x)).map((x) => `+ ${x}`),
    ...before.filter((x) => !after.includes(x)).map((x) => `− ${x}`),
  ];
}

function describeCookie(cookie: CookieShape): string {
  const flags = [
    cookie.httpOnly && "HttpOnly",
    cookie.secure && "Secure",
    cookie.path && `Path=${cookie.path}`,
    cookie.domain && `Domain=${cookie.domain}`,
    cookie.sameSite && `SameSite=${cookie.sameSite}`,
    cookie.expires && "Expires",
    cookie.maxAge !== undefined && `Max-Age=${cookie.maxAge}`,
    cookie.cleared && "cleared",
  ];
  return flags.filter(Boolean).join(" ") || "no attributes";
}

function cookieDiffs(before: Record<string, CookieShape>, after: Record<string, CookieShape>): string[] {
  const out: string[] = [];
  for (const name of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    const a = before[name];
    const b = after[name];
    if (!a && b) out.push(`+ ${name} (${describeCookie(b)})`);
    else if (a && !b) out.push(`− ${name} (${describeCookie(a)})`);
    else if (a && b && describeCookie(a) !== describeCookie(b)) out.push(`${name}: ${describeCookie(a)} → ${describeCookie(b)}`);
  }
  return out;
}

function bodyDiffs(before: Record<string, string>, after: Record<string, string>): string[] {
  const out: string[] = [];
  for (const path of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    const a = before[path];
    const b = after[path];
    if (a === undefined && b !== undefined) out.push(`+ ${path}: ${b}`);
    else if (a !== undefined && b === undefined) out.push(`− ${path}: ${a}`);
    else if (a !== b) out.push(`${path}: ${a} → ${b}`);
  }
  return out;
}

/** Everything that differs between two answers to the same request, aspect by aspect. */
export function exchangeDiffs(before: ExchangeRecord, after: ExchangeRecord): AspectDiff[] {
  const diffs: AspectDiff[] = [];
  if (before.status !== after.status) diffs.push({ aspect: "status", detail: `${before.status} → ${after.status}` });
  if (before.contentType !== after.contentType)
    diffs.push({ aspect: "content-type", detail: `${before.contentType ?? "none"} → ${after.contentType ?? "none"}` });
  const headers = setDiff(before.headers, after.headers);
  if (headers.length) diffs.push({ aspect: "headers", detail: list(headers) });
  const cookies = cookieDiffs(before.cookies, after.cookies);
  if (cookies.length) diffs.push({ aspect: "cookies", detail: list(cookies) });
  const body = bodyDiffs(before.body, after.body);
  if (body.length) diffs.push({ aspect: "body", detail: list(body) });
  return diffs;
}

/** Versions that changed (or appeared, or went). */
export function valueDiffs(before: ExchangeRecord, after: ExchangeRecord): ValueDiff[] {
  const keys = [...new Set([...Object.keys(before.values), ...Object.keys(after.values)])].sort();
  return keys
    .filter((key) => before.values[key] !== after.values[key])
    .map((key) => ({ key, before: before.values[key], after: after.values[key] }));
}
