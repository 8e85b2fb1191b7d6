import { escapeXml } from "../../../http/xml.ts";
import { ATOM_NS, atomTime, GENERATOR, K2_NS, OPENSEARCH_NS, UOM_NS, WEB_NS, XHTML_NS } from "./wire.ts";

export interface LogonResponseForm {
  /** The web namespace, or the `wrong-namespace-response` defect's. */
  namespace: string;
  /** The version the LogonRequest asked for (2024 capture: V1_0 → V1_0; IBM doc example: V1_1_0 → V1_1_0), or the variant's fixed one. */
  schemaVersion: "V1_0" | "V1_1_0";
  metadata: boolean;
  /**
   * "" binds the web namespace as the default (both captures); "web" binds it through a prefix,
   * as the same console's serializer writes ManagementConsole and HttpErrorResponse (variant logon-response-prefixed).
   */
  prefix: "" | "web";
}

/**
 * The LogonResponse: the 2024 capture declares the k2 namespace as ns2, the IBM doc
 * example does not. The token is on one line either way (clients take `.text`
 * without trimming, so a live HMC cannot wrap it as the doc example is printed). The XML
 * declaration stays: both captures start with it, and pypowervm parses this document
 * from bytes (adapter.py:502 `etree.fromstring(resp.body.encode('utf-8'))`), which lxml accepts.
 */
export function logonResponseXml(token: string, form: LogonResponseForm): string {
  // Declared or not, ns2 prefixes nothing in the document (the capture declares it, the doc example does not).
  // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: see above.
  const declaresK2 = form.schemaVersion === "V1_0";
  // Stryker disable next-line ConditionalExpression,StringLiteral: see above.
  const k2 = declaresK2 ? ` xmlns:ns2="${K2_NS}"` : "";
  const name = (local: string) => (form.prefix ? `${form.prefix}:${local}` : local);
  const binding = form.prefix ? `xmlns:${form.prefix}` : "xmlns";
  // With Metadata or without are both legal (HMC-03, variant logon-response-no-metadata); no client reads it.
  // Stryker disable next-line ArrayDeclaration: see above.
  const metadata = [`    <${name("Metadata")}>`, `        <${name("Atom")}/>`, `    </${name("Metadata")}>`];
  const lines = [
    // Stryker disable next-line StringLiteral: the XML declaration is optional and says what XML assumes anyway (1.0, UTF-8).
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    `<${name("LogonResponse")} ${binding}="${form.namespace}"${k2} schemaVersion="${form.schemaVersion}">`,
    // Stryker disable next-line ConditionalExpression: with Metadata or without are both legal (see above).
    ...(form.metadata ? metadata : []),
    `    <${name("X-API-Session")} kxe="false" kb="ROR">${escapeXml(token)}</${name("X-API-Session")}>`,
    `</${name("LogonResponse")}>`,
    // Stryker disable next-line StringLiteral: the newline after the root element is insignificant.
    "",
  ];
  // Stryker disable next-line StringLiteral: the line breaks between elements are insignificant whitespace.
  return lines.join("\n");
}

/** The console this mock pretends to be; fixed so AtomIDs and etags are stable across runs. */
export const CONSOLE = {
  uuid: "2c6b6620-e3e3-3294-aaf5-38e546ff672b",
  feedId: "347ecfcf-acac-3724-8915-a3d7d7a6f298",
  etag: "-1874046100",
  name: "hmc-mock",
  // The console's hardware and release: descriptive, any value is legal (VersionInfo is only observed).
  // Stryker disable next-line StringLiteral: see above.
  machineType: "7063",
  // Stryker disable next-line StringLiteral: see above.
  model: "CR2",
  // Stryker disable next-line StringLiteral: see above.
  serial: "MOCK001",
  /** The one managed system the console links to; the mock serves no ManagedSystem object (a link, as a console lists it). */
  // Stryker disable next-line StringLiteral: only in the link, which is not required (see the feed).
  managedSystem: "5f1e0c2a-7d3b-3c4e-9a8f-0b1c2d3e4f50",
  // The console's interface: descriptive like its hardware, any name is legal and no client acts on it.
  // Stryker disable next-line StringLiteral: see above.
  interfaceName: "eth0",
  // TEST-NET-1 (RFC 5737): an address that is nobody's; descriptive, as above.
  // Stryker disable next-line StringLiteral: see above.
  networkAddress: "192.0.2.10",
  // Stryker disable next-line ObjectLiteral,StringLiteral: see above.
  version: { Version: "10", Release: "3", Maintenance: "1050", Minor: "0", BuildLevel: "2410300312" },
};

/**
 * Two recorded consoles. "current" as hmci's src/test/resources/1-hmc.xml records an HMC V9R1
 * (2021): the entry's etag element, VersionInfo filled, the object-model versions with
 * MinorVersion and SchemaNamespace. "2013" as pypowervm@8613035a tests/data/managementconsole.txt
 * records a V7R7.7 console: none of those, but ManagedFrames and PowerEnterprisePools, which
 * the 2021 console no longer sends (variant console-feed-2013). The etag header is in both.
 */
export type ConsoleFeedForm = "current" | "2013";

// Stryker disable next-line StringLiteral: only in the object model's descriptive schema element (see objectModelVersion).
const TEMPLATES_NS = "http://www.ibm.com/xmlns/systems/power/firmware/templates/mc/2012_10/";

/** An object-model version element: read-only, Metadata, and in the current form the schema it names. */
function objectModelVersion(name: string, schemaNamespace: string, current: boolean): string[] {
  // Stryker disable next-line ArrayDeclaration,StringLiteral: the object model's minor version and schema are descriptive (only the 2021 console sends them) and read by no client.
  const model = [
    '                    <MinorVersion kxe="false" kb="CUR">1.0</MinorVersion>',
    `                    <SchemaNamespace kxe="false" kb="CUR">${schemaNamespace}</SchemaNamespace>`,
  ];
  return [
    `                <${name} kb="ROR" kxe="false" schemaVersion="V1_0">`,
    // Stryker disable next-line StringLiteral: an empty Metadata/Atom is in every recorded document and read by no client; the element set keeps Metadata elsewhere.
    "                    <Metadata>\n                        <Atom/>\n                    </Metadata>",
    // Stryker disable next-line ArrayDeclaration: see above.
    ...(current ? model : []),
    `                </${name}>`,
  ];
}

/**
 * `GET /rest/api/uom/ManagementConsole`: a feed with a single entry, with the elements the
 * recorded console of its form sends (see ConsoleFeedForm; the 2021 one's hardware and fix
 * details are left out): the managed systems as links, never whole objects, as a console
 * lists them. No XML declaration, as recorded: pypowervm parses this
 * body as a str (adapter.py:412 `body=response.text`, :1145 `etree.fromstring(self.body)`),
 * and lxml refuses a str that declares its encoding.
 */
export function managementConsoleFeedXml(options: { origin: string; now: number; createdAt: number; form: ConsoleFeedForm }): string {
  const { origin, now } = options;
  const base = `${origin}/rest/api/uom/ManagementConsole`;
  const self = `${base}/${CONSOLE.uuid}`;
  // Stryker disable next-line ArrowFunction,StringLiteral: VersionInfo is descriptive (see CONSOLE): any release is legal, and it is only observed.
  const versions = Object.entries(CONSOLE.version).map(([k, v]) => `                    <${k} kxe="false" kb="CUD">${v}</${k}>`);
  // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: the 2021 and the 2013 console are both recorded (variant console-feed-2013): the suites assert what both send.
  const current = options.form === "current";
  const lines = [
    `<feed xmlns:ns2="${OPENSEARCH_NS}" xmlns:ns3="${XHTML_NS}" xmlns="${ATOM_NS}">`,
    `    <id>${CONSOLE.feedId}</id>`,
    `    <updated>${atomTime(now)}</updated>`,
    // The feed's own links are in the recorded feed but read by no client: the wire notes (§2.4) name only the entry's SELF link.
    // Stryker disable next-line StringLiteral: see above.
    `    <link rel="SELF" href="${escapeXml(base)}"/>`,
    // Stryker disable next-line StringLiteral: see above.
    `    <link rel="MANAGEMENT_CONSOLE" href="${escapeXml(self)}"/>`,
    `    <generator>${GENERATOR}</generator>`,
    "    <entry>",
    `        <id>${CONSOLE.uuid}</id>`,
    "        <title>ManagementConsole</title>",
    // Stryker disable next-line StringLiteral: published is recorded but optional in Atom, and no client reads it.
    `        <published>${atomTime(now)}</published>`,
    `        <link rel="SELF" href="${escapeXml(self)}"/>`,
    `        <author>\n            <name>${GENERATOR}</name>\n        </author>`,
    // Stryker disable next-line StringLiteral: the entry's etag element is recorded but not in the wire notes, which name the etag header (asserted).
    ...(current ? [`        <etag:etag xmlns:etag="${UOM_NS}" xmlns="${UOM_NS}">${CONSOLE.etag}</etag:etag>`] : []),
    '        <content type="application/vnd.ibm.powervm.uom+xml; type=ManagementConsole">',
    `            <ManagementConsole:ManagementConsole xmlns:ManagementConsole="${UOM_NS}" xmlns:ns2="${K2_NS}" xmlns="${UOM_NS}" schemaVersion="V1_0">`,
    "                <Metadata>\n                    <Atom>",
    `                        <AtomID>${CONSOLE.uuid}</AtomID>`,
    // Stryker disable next-line StringLiteral: AtomCreated is descriptive (when the console made the object) and read by no client.
    `                        <AtomCreated>${options.createdAt}</AtomCreated>`,
    "                    </Atom>\n                </Metadata>",
    // The hardware and release elements inside are descriptive (see CONSOLE).
    '                <MachineTypeModelAndSerialNumber kxe="false" kb="ROR" schemaVersion="V1_0">',
    // Stryker disable next-line StringLiteral: see above.
    "                    <Metadata>\n                        <Atom/>\n                    </Metadata>",
    // Stryker disable next-line StringLiteral: see above.
    `                    <MachineType kb="CUR" kxe="false">${CONSOLE.machineType}</MachineType>`,
    // Stryker disable next-line StringLiteral: see above.
    `                    <Model kxe="false" kb="CUR">${CONSOLE.model}</Model>`,
    // Stryker disable next-line StringLiteral: see above.
    `                    <SerialNumber kb="CUR" kxe="false">${CONSOLE.serial}</SerialNumber>`,
    "                </MachineTypeModelAndSerialNumber>",
    // A console with no frames sent the element empty in 2013; the 2021 one sends none.
    // Stryker disable next-line ArrayDeclaration,StringLiteral: only the 2013 console sends it (empty when it has none), the 2021 one does not: no suite may require it.
    ...(current ? [] : ['                <ManagedFrames kb="CUD" kxe="false"/>']),
    '                <ManagedSystems kxe="false" kb="CUD">',
    // Stryker disable next-line StringLiteral: a console managing no system lists none: the link is not required.
    `                    <link href="${escapeXml(`${self}/ManagedSystem/${CONSOLE.managedSystem}`)}" rel="related"/>`,
    "                </ManagedSystems>",
    `                <ManagementConsoleName kxe="false" kb="CUR">${CONSOLE.name}</ManagementConsoleName>`,
    '                <NetworkInterfaces kb="CUD" kxe="false" schemaVersion="V1_0">',
    // Stryker disable next-line StringLiteral: an empty Metadata/Atom is in every recorded document and read by no client; the element set keeps Metadata elsewhere.
    "                    <Metadata>\n                        <Atom/>\n                    </Metadata>",
    '                    <ManagementConsoleNetworkInterface schemaVersion="V1_0">',
    // Stryker disable next-line StringLiteral: an empty Metadata/Atom is in every recorded document and read by no client; the element set keeps Metadata elsewhere.
    "                        <Metadata>\n                            <Atom/>\n                        </Metadata>",
    // Stryker disable next-line StringLiteral: the console's interfaces are descriptive (see CONSOLE) and read by no client.
    `                        <InterfaceName kb="CUD" kxe="false">${CONSOLE.interfaceName}</InterfaceName>`,
    // Stryker disable next-line StringLiteral: see above.
    `                        <NetworkAddress kb="CUR" kxe="false">${CONSOLE.networkAddress}</NetworkAddress>`,
    "                    </ManagementConsoleNetworkInterface>",
    "                </NetworkInterfaces>",
    ...objectModelVersion("TemplateObjectModelVersion", TEMPLATES_NS, current),
    ...objectModelVersion("UserObjectModelVersion", UOM_NS, current),
    '                <VersionInfo kxe="false" kb="ROR" schemaVersion="V1_0">',
    // Stryker disable next-line StringLiteral: see above.
    "                    <Metadata>\n                        <Atom/>\n                    </Metadata>",
    // Stryker disable next-line ArrayDeclaration: VersionInfo's content is descriptive (see above).
    ...(current ? versions : []),
    "                </VersionInfo>",
    ...objectModelVersion("WebObjectModelVersion", WEB_NS, current),
    // Stryker disable next-line ArrayDeclaration,StringLiteral: only the 2013 console sends it (empty when it has none), the 2021 one does not: no suite may require it.
    ...(current ? [] : ['                <PowerEnterprisePools kb="CUD" kxe="false"/>']),
    "            </ManagementConsole:ManagementConsole>",
    "        </content>",
    "    </entry>",
    "</feed>",
    // Stryker disable next-line StringLiteral: the newline after the root element is insignificant.
    "",
  ];
  // Stryker disable next-line StringLiteral: the line breaks between elements are insignificant whitespace.
  return lines.join("\n");
}
