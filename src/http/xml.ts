import { XMLParser, XMLValidator } from "fast-xml-parser";
import { SessionprobeError } from "../errors/errors.ts";

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

/** A body that is not well-formed XML, or one we refuse to parse (a DTD): garbage on the wire, never expanded. */
export class XmlError extends SessionprobeError {
  constructor(message: string) {
    super("SP_XML", message);
  }
}

export function parseXml(text: string): Record<string, unknown> {
  if (/<!DOCTYPE|<!ENTITY/i.test(text))
    throw new XmlError("XML with a DOCTYPE or ENTITY declaration is refused (entity expansion is never performed)");
  const verdict = XMLValidator.validate(text);
  if (verdict !== true) throw new XmlError(readableVerdict(text, verdict.err));
  return parser.parse(text) as Record<string, unknown>;
}

/** Line and column (1-based) just past the last character: where a truncated body ends. */
function endOf(text: string): { line: number; col: number } {
  const lines = text.split(/\r\n|\r|\n/);
  return { line: lines.length, col: (lines.at(-1)?.length ?? 0) + 1 };
}

const closing = (names: readonly string[]) => names.map((name) => `</${name}>`).join("");

/**
 * fast-xml-parser's verdict for a person. A body cut short is its most common cause, and
 * the validator reports it as `Invalid '[ "LogonResponse", "X-API-Session"]' found` at
 * line 1, column 1 (the tags still open, as a JSON array): said here as where the body
 * ended and which closing tags it never reached.
 */
function readableVerdict(text: string, err: { code: string; msg: string; line: number; col?: number }): string {
  const open = err.code === "InvalidXml" ? /^Invalid '(\[[\s\S]*\])' found\.$/.exec(err.msg)?.[1] : undefined;
  const names = open ? parseOpenTags(open) : undefined;
  if (names?.length) {
    const end = endOf(text);
    const tags = names.map((n) => `<${n}>`);
    const still = tags.length === 1 ? tags[0] : `${tags.slice(0, -1).join(", ")} and ${tags.at(-1)}`;
    return `malformed XML at line ${end.line}, column ${end.col}: the body is not well-formed: it ended with ${still} still open (${closing([...names].reverse())} never came: a truncated body?)`;
  }
  const unclosed = err.code === "InvalidTag" ? /^Unclosed tag '([^']*)'\.$/.exec(err.msg)?.[1] : undefined;
  if (unclosed !== undefined) {
    const end = endOf(text);
    return `malformed XML at line ${end.line}, column ${end.col}: the body is not well-formed: it ended with <${unclosed}> (opened at line ${err.line}, column ${err.col ?? 1}) still open (${closing([unclosed])} never came: a truncated body?)`;
  }
  if (err.code === "InvalidXml" && err.msg === "Start tag expected.") return "malformed XML: the body holds no element (no start tag)";
  return `malformed XML at line ${err.line}, column ${err.col ?? 1}: ${err.msg}`;
}

function parseOpenTags(list: string): string[] | undefined {
  try {
    const names = JSON.parse(list) as unknown;
    return Array.isArray(names) && names.every((n) => typeof n === "string") ? names : undefined;
  } catch {
    return undefined;
  }
}

// Drivers and mocks take the escaper from here, beside the parser; it lives in src/text.
export { escapeXml } from "../text/xml-escape.ts";
