import { addType, type BodyShape, VERSION_KEY } from "./shape-paths.ts";
import type { Scrubber } from "./stable-text.ts";

/**
 * An XML body (as src/http/xml.ts parses it: `@attr`, `#text`, repeated elements as
 * arrays) as an element tree: `/LogonResponse: element {ns}`, `/LogonResponse/@schemaVersion:
 * attribute`. Element names are local names with their namespace URI resolved from the
 * xmlns declarations in scope: a server may rename a prefix (ns2 → ns3) without changing
 * anything, but moving an element to another namespace is a change. The URI is shown where
 * it differs from the parent's. `type` attributes keep their value: on Atom content it is a
 * media type (`…; type=ManagementConsole`), part of the contract.
 */
type Scope = ReadonlyMap<string, string>;

const VALUE_ATTRIBUTES = new Set(["type"]);

function split(qualified: string): { prefix: string; local: string } {
  const colon = qualified.indexOf(":");
  return colon < 0 ? { prefix: "", local: qualified } : { prefix: qualified.slice(0, colon), local: qualified.slice(colon + 1) };
}

function declarations(node: unknown, scope: Scope): Scope {
  if (!node || typeof node !== "object" || Array.isArray(node)) return scope;
  const inner = new Map(scope);
  for (const [key, value] of Object.entries(node)) {
    if (key === "@xmlns") inner.set("", String(value));
    else if (key.startsWith("@xmlns:")) inner.set(key.slice(7), String(value));
  }
  return inner;
}

function hasText(node: unknown): boolean {
  if (typeof node === "string") return node !== "";
  return (
    !!node &&
    typeof node === "object" &&
    typeof (node as Record<string, unknown>)["#text"] === "string" &&
    (node as Record<string, unknown>)["#text"] !== ""
  );
}

interface Walk {
  out: BodyShape;
  scrub: Scrubber;
}

function element(walk: Walk, qualified: string, node: unknown, parent: { path: string; ns: string | undefined; scope: Scope }): void {
  if (Array.isArray(node)) {
    for (const item of node) element(walk, qualified, item, parent);
    return;
  }
  const { prefix, local } = split(qualified);
  const scope = declarations(node, parent.scope);
  const ns = scope.get(prefix);
  const path = `${parent.path}/${local}`;
  const nsNote = ns !== undefined && ns !== parent.ns ? ` {${ns}}` : "";
  addType(walk.out.shape, path, `element${nsNote}${hasText(node) ? " text" : ""}`);
  if (hasText(node) && VERSION_KEY.test(local))
    walk.out.values[path] = walk.scrub(typeof node === "string" ? node : String((node as Record<string, unknown>)["#text"]));
  if (!node || typeof node !== "object") return;
  for (const [key, value] of Object.entries(node)) {
    if (key === "#text" || key === "@xmlns" || key.startsWith("@xmlns:")) continue;
    if (key.startsWith("@")) {
      const name = split(key.slice(1)).local;
      const attribute = `${path}/@${name}`;
      addType(walk.out.shape, attribute, VALUE_ATTRIBUTES.has(name) ? `attribute = ${walk.scrub(String(value))}` : "attribute");
      if (VERSION_KEY.test(name)) walk.out.values[attribute] = walk.scrub(String(value));
      continue;
    }
    element(walk, key, value, { path, ns, scope });
  }
}

export function xmlShape(parsed: unknown, out: BodyShape, scrub: Scrubber): void {
  out.shape.$ = "xml";
  if (!parsed || typeof parsed !== "object") return;
  for (const [key, value] of Object.entries(parsed)) {
    if (key.startsWith("?") || key.startsWith("@") || key === "#text") continue;
    element({ out, scrub }, key, value, { path: "", ns: undefined, scope: new Map() });
  }
}
