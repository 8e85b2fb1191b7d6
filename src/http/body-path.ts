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
  // Namespace prefixes never matter to a path: `LogonResponse` finds `ns2:LogonResponse`.
  const key = keyFor(record, segment);
  return key === undefined ? undefined : record[key];
}

/**
 * The segment `#namespace` reads the namespace an XML element is in, however the document
 * binds it: `<LogonResponse xmlns="…">` and `<web:LogonResponse xmlns:web="…">` are the same
 * element (Namespaces in XML 1.0 §6), and a serializer may pick either.
 */
const NAMESPACE = "#namespace";

/** The in-scope namespace bindings after an element's own `xmlns` / `xmlns:p` attributes ("" is the default). */
function bindingsOf(element: unknown, outer: ReadonlyMap<string, string>): Map<string, string> {
  const scope = new Map(outer);
  if (!element || typeof element !== "object" || Array.isArray(element)) return scope;
  for (const [key, value] of Object.entries(element as Record<string, unknown>)) {
    if (typeof value !== "string") continue;
    if (key === "@xmlns") scope.set("", value);
    else if (key.startsWith("@xmlns:")) scope.set(key.slice("@xmlns:".length), value);
  }
  return scope;
}

/** Which key of `value` a name segment lands on: the exact key, else the one whose local name it is. */
function keyFor(value: unknown, segment: string): string | undefined {
  if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  return segment in record ? segment : Object.keys(record).find((k) => localName(k) === segment);
}

/** Resolves a body path in parsed JSON or XML; an XML element with text yields its text. */
export function bodyPath(parsed: unknown, path: string): unknown {
  let value = parsed;
  let scope: ReadonlyMap<string, string> = new Map();
  // The prefix of the element the path has reached; undefined until it reaches one.
  let prefix: string | undefined;
  for (const segment of pathSegments(path)) {
    const element = Array.isArray(value) ? value[0] : value;
    if (segment === NAMESPACE) {
      if (prefix === undefined) return undefined;
      return bindingsOf(element, scope).get(prefix) ?? (prefix === "" ? "" : undefined);
    }
    if (typeof segment === "string" && !segment.startsWith("@")) {
      scope = bindingsOf(element, scope);
      const key = keyFor(element, segment);
      const colon = key?.indexOf(":") ?? -1;
      prefix = key === undefined ? undefined : colon >= 0 ? key.slice(0, colon) : "";
    }
    value = child(value, segment);
    if (value === undefined) return undefined;
  }
  if (value && typeof value === "object" && !Array.isArray(value) && "#text" in value) return (value as Record<string, unknown>)["#text"];
  return value;
}
