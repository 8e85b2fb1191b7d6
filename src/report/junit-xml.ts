import { escapeXml } from "../text/xml-escape.ts";

/** Just enough XML for JUnit: escaped text and attributes, no characters XML 1.0 forbids. */

// Control characters other than tab, newline and carriage return cannot appear in XML 1.0 at all, not even escaped.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal colour codes in Playwright's messages.
const ANSI = /\u001B\[[0-9;]*m/g;

export function xmlText(value: string): string {
  return escapeXml(value.replace(ANSI, "").replace(FORBIDDEN, ""));
}

/** Attribute values keep their line ends and tabs as character references: a parser would turn them into spaces. */
export function xmlAttr(value: string): string {
  return xmlText(value).replace(/\n/g, "&#10;").replace(/\r/g, "&#13;").replace(/\t/g, "&#9;");
}

export function element(name: string, attributes: Record<string, string | number | undefined>, children?: string): string {
  const attrs = Object.entries(attributes)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join("");
  return children === undefined ? `<${name}${attrs}/>` : `<${name}${attrs}>${children}</${name}>`;
}

/** Seconds with at most three decimals: the form the JUnit XSD's time pattern accepts. */
export function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}
