export function isJsonType(type: string): boolean {
  return /\bjson\b|\+json/.test(type);
}

export function isXmlType(type: string): boolean {
  return /\bxml\b|\+xml/.test(type);
}

/** Parses a body by its content type; a body that does not parse is reported, not thrown. */
export async function parseBody(type: string, text: string): Promise<{ parsed?: unknown; parseError?: string }> {
  if (text.trim() === "") return {};
  try {
    if (isJsonType(type)) return { parsed: JSON.parse(text) };
    if (isXmlType(type)) {
      // The XML parser (fast-xml-parser, ~40 modules) is imported with the first XML body: a worker that sees only JSON never loads it.
      const { parseXml } = await import("./xml.ts");
      return { parsed: parseXml(text) };
    }
  } catch (error) {
    return { parseError: `the ${isJsonType(type) ? "JSON" : "XML"} body does not parse: ${(error as Error).message}` };
  }
  return {};
}
