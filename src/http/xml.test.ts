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
