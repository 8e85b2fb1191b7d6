/**
 * Names in a body parsed by src/http/xml.ts, apart from the parser itself: a path lookup
 * needs them on every body, the parser (fast-xml-parser, ~40 modules) only an XML one.
 */

/** `ns2:Foo` → `Foo`; attribute keys keep their "@". */
export function localName(key: string): string {
  const at = key.startsWith("@") ? "@" : "";
  const bare = at ? key.slice(1) : key;
  const colon = bare.indexOf(":");
  return at + (colon >= 0 && !bare.startsWith("xmlns") ? bare.slice(colon + 1) : bare);
}
