import { expect, test } from "@playwright/test";
import { parseXml, XmlError } from "./xml.ts";

test("predefined and numeric entities are decoded in text and attributes", () => {
  const doc = parseXml(`<a k="x &amp; y"><b>p&amp;ss &lt;1&gt; &#65;&#x42; &apos;q&quot;</b></a>`);
  expect(doc).toEqual({ a: { "@k": "x & y", b: `p&ss <1> AB 'q"` } });
});

test("a DOCTYPE (an XML bomb's carrier) is refused before parsing, quickly", () => {
  const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>`;
  const started = performance.now();
  expect(() => parseXml(bomb)).toThrow(XmlError);
  expect(performance.now() - started).toBeLessThan(100);
});

test("malformed XML names line and column", () => {
  expect(() => parseXml("<a>\n  <b></a>")).toThrow(/malformed XML at line 2, column \d+/);
});

test("a truncated body says where it ended and which elements it left open, not the validator's raw list at line 1, column 1 (issue 14)", () => {
  // Before: `Invalid '[    "LogonResponse",    "X-API-Session"]' found.` at line 1, column 1.
  expect(() => parseXml("<LogonResponse><X-API-Session>abc")).toThrow(
    new XmlError(
      "malformed XML at line 1, column 34: the body is not well-formed: it ended with <LogonResponse> and <X-API-Session> still open (</X-API-Session></LogonResponse> never came: a truncated body?)",
    ),
  );
  expect(() => parseXml('<?xml version="1.0"?>\n<LogonResponse>\n  <X-API-Session>abc</X-API-Session>')).toThrow(
    new XmlError(
      "malformed XML at line 3, column 37: the body is not well-formed: it ended with <LogonResponse> (opened at line 2, column 1) still open (</LogonResponse> never came: a truncated body?)",
    ),
  );
  expect(() => parseXml("<a>\n<b>\n  <c>x")).toThrow(
    /line 3, column 7: .* ended with <a>, <b> and <c> still open \(<\/c><\/b><\/a> never came/,
  );
  expect(() => parseXml(" ")).toThrow(new XmlError("malformed XML: the body holds no element (no start tag)"));
});
