import { expect, test } from "@playwright/test";
import { elementNames } from "../../../evidence/compare.ts";
import { loadCorpus } from "../../../evidence/corpus.ts";
import { parseXml } from "../../../http/xml.ts";
import { CONSOLE_PATH, hmcHost, logon, withSession } from "../../../../test-support/hmc-mock.ts";
import { UOM_NS } from "./wire.ts";

type Node = Record<string, unknown>;

/** The recorded exchange for `path` (evidence/recordings/hmc/), failing loudly if the corpus lost it. */
function recorded(method: string, path: string) {
  const exchange = loadCorpus("hmc")
    .flatMap((file) => file.exchanges)
    .find((e) => e.request.method === method && e.request.path === path);
  if (!exchange) throw new Error(`hmc corpus: no recorded ${method} ${path} in evidence/recordings/hmc/; the test compares against it`);
  return exchange.response;
}

/** The feed the mock answers with these options, read by an X-API-Session of its own. */
async function consoleFeed(options: Record<string, string> = {}): Promise<string> {
  const host = hmcHost({ options });
  const token = (await logon(host)).token ?? "";
  return (await host.app.request(CONSOLE_PATH, withSession(token))).text();
}

/**
 * hmci@7786f518 src/test/resources/1-hmc.xml (HMC V9R1, 2021) without the hardware and fix
 * details the mock leaves out (BIOS, BaseVersion, IFixDetails, ProcConfiguration, …).
 */
const CONSOLE_2021 = [
  ...["feed", "id", "updated", "link", "generator", "entry", "title", "published", "author", "name", "etag", "content"],
  ...["ManagementConsole", "Metadata", "Atom", "AtomID", "AtomCreated", "MachineTypeModelAndSerialNumber", "MachineType", "Model"],
  ...["SerialNumber", "ManagedSystems", "ManagementConsoleName", "NetworkInterfaces", "ManagementConsoleNetworkInterface"],
  ...["InterfaceName", "NetworkAddress", "TemplateObjectModelVersion", "MinorVersion", "SchemaNamespace", "UserObjectModelVersion"],
  ...["VersionInfo", "BuildLevel", "Maintenance", "Minor", "Release", "Version", "WebObjectModelVersion"],
];

test("the ManagementConsole feed has the elements of the 2021 console by default and exactly the 2013 recording's with console-feed-2013", async () => {
  const current = elementNames(await consoleFeed());
  expect(new Set(current)).toEqual(new Set(CONSOLE_2021));
  const older = elementNames(await consoleFeed({ consoleFeed: "2013" }));
  expect(new Set(older)).toEqual(new Set(recorded("GET", CONSOLE_PATH).elements));
});

test("the ManagementConsole links its managed systems, names its interfaces and the schemas of its object models", async () => {
  const text = await consoleFeed();
  const console = ((((parseXml(text).feed as Node).entry as Node).content as Node)["ManagementConsole:ManagementConsole"] ?? {}) as Node;
  expect(console["@xmlns"]).toBe(UOM_NS);
  const link = (console.ManagedSystems as Node).link as Node;
  expect(link["@rel"]).toBe("related");
  const self = `http://localhost${CONSOLE_PATH}/${((console.Metadata as Node).Atom as Node).AtomID}`;
  expect(String(link["@href"]).startsWith(`${self}/ManagedSystem/`)).toBe(true);
  expect(String(link["@href"]).slice(self.length)).toMatch(
    /^\/ManagedSystem\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  );
  const nic = (console.NetworkInterfaces as Node).ManagementConsoleNetworkInterface as Node;
  expect(Object.keys(nic)).toEqual(expect.arrayContaining(["InterfaceName", "NetworkAddress"]));
  const schemas = ["TemplateObjectModelVersion", "UserObjectModelVersion", "WebObjectModelVersion"].map(
    (name) => ((console[name] as Node).SchemaNamespace as Node)["#text"],
  );
  expect(schemas).toEqual([
    "http://www.ibm.com/xmlns/systems/power/firmware/templates/mc/2012_10/",
    UOM_NS,
    "http://www.ibm.com/xmlns/systems/power/firmware/web/mc/2012_10/",
  ]);
  expect(((console.VersionInfo as Node).Version as Node)["#text"]).toMatch(/^\d+$/);
});

test("feeds and error entries start with their root element, no XML declaration, as recorded; the LogonResponse keeps its declaration, as recorded", async () => {
  const host = hmcHost();
  expect(recorded("GET", CONSOLE_PATH).xmlDeclaration).toBe(false);
  const logonText = (await logon(host)).text;
  expect(logonText.startsWith('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n')).toBe(true);
  const token = (await logon(host)).token ?? "";
  const feed = await (await host.app.request(CONSOLE_PATH, withSession(token))).text();
  expect(feed.startsWith("<feed ")).toBe(true);
  const refused = await (await host.app.request(CONSOLE_PATH)).text();
  expect(refused.startsWith("<entry ")).toBe(true);
  expect(refused).toContain("<HttpErrorResponse:HttpErrorResponse ");
});
