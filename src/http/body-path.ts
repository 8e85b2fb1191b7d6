import { localName } from "../text/xml-names.ts";

/** Body paths (`a.b[0].c`, `@attr`) read JSON and namespaced XML alike: shared by the engine's selectors and the drivers. */
/** Splits `errors[0].message` or `feed.entry[1].@type` into segments. */
export function pathSegments(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  for (const [, name, index] of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g))
    segments.push(index !== undefined ? Number(index) : (name as string));
  return segments;
}

function child(value: unknown, segment: string | number): unknown {
  if (typeof segment === "number") {
    if (Array.isArray(value)) return value[segment];
    // XML: one element where the path says [0] is that element.
    return segment === 0 ? value : undefined;
  }
  if (Array.isArray(value)) return child(value[0], segment);
  if (!value || typeof value !== "object") return undefined;
  const record = value as Record<string, unknown>;
  if (segment in record) return record[segment];
  // Namespace prefixes never matter to a path: `LogonResponse` finds `ns2:LogonResponse`.
  const key = Object.keys(record).find((k) => localName(k) === segment);
  return key === undefined ? undefined : record[key];
}

/** Resolves a body path in parsed JSON or XML; an XML element with text yields its text. */
export function bodyPath(parsed: unknown, path: string): unknown {
  let value = parsed;
  for (const segment of pathSegments(path)) {
    value = child(value, segment);
    if (value === undefined) return undefined;
  }
  if (value && typeof value === "object" && !Array.isArray(value) && "#text" in value) return (value as Record<string, unknown>)["#text"];
  return value;
}
