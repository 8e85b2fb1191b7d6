export function isJsonType(type: string): boolean {
  return /\bjson\b|\+json/.test(type);
}

export function isXmlType(type: string): boolean {
  return /\bxml\b|\+xml/.test(type);
}

/**
 * The XML parser (fast-xml-parser, ~40 modules), imported with the first XML body: a worker that
 * sees only JSON never loads it. Kept once loaded: under a loader (tsx, Playwright's) every
 * `import()` of even a cached module is a round trip to the loader thread.
 */
let xml: Promise<typeof import("./xml.ts")> | undefined;

/** Parses a body by its content type; a body that does not parse is reported, not thrown. */
export async function parseBody(type: string, text: string): Promise<{ parsed?: unknown; parseError?: string }> {
  if (text.trim() === "") return {};
  try {
    if (isJsonType(type)) return { parsed: JSON.parse(text) };
    if (isXmlType(type)) {
      xml ??= import("./xml.ts");
      const { parseXml } = await xml;
      return { parsed: parseXml(text) };
    }
  } catch (error) {
    return { parseError: `the ${isJsonType(type) ? "JSON" : "XML"} body does not parse: ${(error as Error).message}` };
  }
  return {};
}
