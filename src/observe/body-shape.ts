import { isJsonType, isXmlType } from "../http/body.ts";
import type { HttpResponse } from "../http/exchange.ts";
import { addType, type BodyShape, VERSION_KEY } from "./shape-paths.ts";
import type { Scrubber } from "./stable-text.ts";
import { xmlShape } from "./xml-shape.ts";

export type { BodyShape } from "./shape-paths.ts";

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function keySegment(key: string, scrub: Scrubber): string {
  const clean = scrub(key);
  return /^[A-Za-z0-9_@#:$-]+$/.test(clean) ? `.${clean}` : `[${JSON.stringify(clean)}]`;
}

function jsonShape(value: unknown, path: string, out: BodyShape, scrub: Scrubber): void {
  addType(out.shape, path, typeOf(value));
  if (Array.isArray(value)) {
    for (const item of value) jsonShape(item, `${path}[]`, out, scrub);
    return;
  }
  if (!value || typeof value !== "object") return;
  for (const [key, inner] of Object.entries(value)) {
    const child = `${path}${keySegment(key, scrub)}`;
    if (VERSION_KEY.test(key) && (typeof inner === "string" || typeof inner === "number")) out.values[child] = scrub(String(inner));
    jsonShape(inner, child, out, scrub);
  }
}

function looksLikeHtml(type: string, text: string): boolean {
  return /html/.test(type) || /^\s*(<!doctype html|<html)/i.test(text);
}

/**
 * A body as its structure: one line per path with its type (`$.errors[].message:
 * string`), flat so a diff reads as "this path appeared, that one changed type".
 * Values are never kept, except versions (a release's own name is no secret and is
 * what an upgrade changes) — those go to `values`.
 */
export function bodyShape(response: HttpResponse, scrub: Scrubber): BodyShape {
  const out: BodyShape = { shape: {}, values: {} };
  const type = (response.headers["content-type"] ?? "").toLowerCase();
  if (response.text.trim() === "") {
    out.shape.$ = "empty";
  } else if (response.parseError !== undefined) {
    out.shape.$ = `unparsable ${isJsonType(type) ? "json" : "xml"}`;
  } else if (response.parsed !== undefined && isJsonType(type)) {
    jsonShape(response.parsed, "$", out, scrub);
  } else if (response.parsed !== undefined && isXmlType(type)) {
    xmlShape(response.parsed, out, scrub);
  } else {
    out.shape.$ = looksLikeHtml(type, response.text) ? "html" : "text";
  }
  return out;
}
