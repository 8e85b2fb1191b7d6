import { XMLParser, XMLValidator } from "fast-xml-parser";

/**
 * The project's single XML configuration. Entities are never expanded and DOCTYPEs
 * are refused outright: input comes from servers we test, not from us (XML bombs,
 * external entities). Attributes are kept with an "@" prefix; namespace prefixes are
 * kept so namespace declarations stay assertable, and path lookups ignore them.
 */
const PREDEFINED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/**
 * The five predefined entities and character references, decoded after parsing;
 * any other entity is undeclared (no DOCTYPE is ever accepted), which a conforming
 * XML parser refuses too.
 */
export function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z][\w.-]*);/g, (_, ref: string) => {
    if (ref.startsWith("#")) {
      const code = ref[1] === "x" ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      if (code > 0x10ffff || code === 0) throw new XmlError(`character reference &${ref}; is out of range`);
      return String.fromCodePoint(code);
    }
    const known = PREDEFINED[ref];
    if (known === undefined) throw new XmlError(`the entity "${ref}" was referenced, but not declared`);
    return known;
  });
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: false,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: true,
  parseTagValue: false,
  parseAttributeValue: false,
  tagValueProcessor: (_name, value) => decodeXmlText(value),
  attributeValueProcessor: (_name, value) => decodeXmlText(value),
});

export class XmlError extends Error {
  readonly code = "XML_INVALID";
}

export function parseXml(text: string): Record<string, unknown> {
  if (/<!DOCTYPE|<!ENTITY/i.test(text))
    throw new XmlError("XML with a DOCTYPE or ENTITY declaration is refused (entity expansion is never performed)");
  const verdict = XMLValidator.validate(text);
  if (verdict !== true) throw new XmlError(`malformed XML at line ${verdict.err.line}, column ${verdict.err.col}: ${verdict.err.msg}`);
  return parser.parse(text) as Record<string, unknown>;
}

/** `ns2:Foo` → `Foo`; attribute keys keep their "@". */
export function localName(key: string): string {
  const at = key.startsWith("@") ? "@" : "";
  const bare = at ? key.slice(1) : key;
  const colon = bare.indexOf(":");
  return at + (colon >= 0 && !bare.startsWith("xmlns") ? bare.slice(colon + 1) : bare);
}

// Drivers and mocks take the escaper from here, beside the parser; it lives in src/text.
export { escapeXml } from "../text/xml-escape.ts";
