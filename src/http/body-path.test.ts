import { expect, test } from "@playwright/test";
import { bodyPath } from "./body-path.ts";
import { parseXml } from "./xml.ts";

const WEB = "http://www.ibm.com/xmlns/systems/power/firmware/web/mc/2012_10/";

test("#namespace reads an element's namespace however the document binds it: default xmlns, a prefix, or inherited", () => {
  const unprefixed = parseXml(`<LogonResponse xmlns="${WEB}" schemaVersion="V1_0"><X-API-Session>t</X-API-Session></LogonResponse>`);
  const prefixed = parseXml(
    `<web:LogonResponse xmlns:web="${WEB}" schemaVersion="V1_0"><web:X-API-Session>t</web:X-API-Session></web:LogonResponse>`,
  );
  for (const doc of [unprefixed, prefixed]) {
    expect(bodyPath(doc, "LogonResponse.#namespace")).toBe(WEB);
    expect(bodyPath(doc, "LogonResponse.X-API-Session.#namespace")).toBe(WEB);
  }
  // The literal attribute is what differs: the reason suites assert #namespace, not @xmlns.
  expect(bodyPath(prefixed, "LogonResponse.@xmlns")).toBeUndefined();
});

test("#namespace tells a different namespace apart, including one the prefix binds where the default says otherwise", () => {
  const wrong = parseXml(`<LogonResponse xmlns="${WEB.replace("2012_10", "2012_06")}"><X-API-Session>t</X-API-Session></LogonResponse>`);
  expect(bodyPath(wrong, "LogonResponse.#namespace")).not.toBe(WEB);
  const mixed = parseXml(`<a:LogonResponse xmlns="${WEB}" xmlns:a="urn:other"><X-API-Session>t</X-API-Session></a:LogonResponse>`);
  expect(bodyPath(mixed, "LogonResponse.#namespace")).toBe("urn:other");
  expect(bodyPath(mixed, "LogonResponse.X-API-Session.#namespace")).toBe(WEB);
});

test("#namespace follows Atom nesting and indexes; no namespace is empty, an unbound prefix or a missing element undefined", () => {
  const feed = parseXml(
    `<feed xmlns="http://www.w3.org/2005/Atom"><entry><content><MC:ManagementConsole xmlns:MC="urn:uom"/></content></entry><entry/></feed>`,
  );
  expect(bodyPath(feed, "feed.#namespace")).toBe("http://www.w3.org/2005/Atom");
  expect(bodyPath(feed, "feed.entry[0].content.#namespace")).toBe("http://www.w3.org/2005/Atom");
  expect(bodyPath(feed, "feed.entry.content.ManagementConsole.#namespace")).toBe("urn:uom");
  expect(bodyPath(parseXml("<plain><x>1</x></plain>"), "plain.x.#namespace")).toBe("");
  expect(bodyPath(parseXml("<p:a><b/></p:a>"), "a.#namespace")).toBeUndefined();
  expect(bodyPath(feed, "feed.missing.#namespace")).toBeUndefined();
  expect(bodyPath(feed, "#namespace")).toBeUndefined();
});
