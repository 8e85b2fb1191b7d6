import { escapeXml } from "../../http/xml.ts";
import { ATOM_NS, atomTime, GENERATOR, K2_NS, OPENSEARCH_NS, UOM_NS, XHTML_NS } from "./wire.ts";

export interface LogonResponseForm {
  /** The web namespace, or the `wrong-namespace-response` defect's. */
  namespace: string;
  /** V1_0 as captured in 2024 (hmci readme-hmc.md), V1_1_0 as the IBM doc example. */
  schemaVersion: "V1_0" | "V1_1_0";
  metadata: boolean;
}

/**
 * The LogonResponse: the 2024 capture declares the k2 namespace as ns2, the IBM doc
 * example does not. The token is on one line either way (clients take `.text`
 * without trimming, so a live HMC cannot wrap it as the doc example is printed).
 */
export function logonResponseXml(token: string, form: LogonResponseForm): string {
  const k2 = form.schemaVersion === "V1_0" ? ` xmlns:ns2="${K2_NS}"` : "";
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    `<LogonResponse xmlns="${form.namespace}"${k2} schemaVersion="${form.schemaVersion}">`,
    ...(form.metadata ? ["    <Metadata>", "        <Atom/>", "    </Metadata>"] : []),
    `    <X-API-Session kxe="false" kb="ROR">${escapeXml(token)}</X-API-Session>`,
    "</LogonResponse>",
    "",
  ].join("\n");
}

/** The console this mock pretends to be; fixed so AtomIDs and etags are stable across runs. */
export const CONSOLE = {
  uuid: "2c6b6620-e3e3-3294-aaf5-38e546ff672b",
  feedId: "347ecfcf-acac-3724-8915-a3d7d7a6f298",
  etag: "-1874046100",
  name: "hmc-mock",
  machineType: "7063",
  model: "CR2",
  serial: "MOCK001",
  version: { Version: "10", Release: "3", Maintenance: "1050", Minor: "0", BuildLevel: "2410300312" },
};

/**
 * `GET /rest/api/uom/ManagementConsole`: a feed with a single entry, cut down from the
 * recorded one (hmci src/test/resources/1-hmc.xml) to what clients read: ids, links,
 * etag, name, machine type and version.
 */
export function managementConsoleFeedXml(options: { origin: string; now: number; createdAt: number }): string {
  const { origin, now } = options;
  const base = `${origin}/rest/api/uom/ManagementConsole`;
  const self = `${base}/${CONSOLE.uuid}`;
  const versions = Object.entries(CONSOLE.version).map(([k, v]) => `                    <${k} kxe="false" kb="CUD">${v}</${k}>`);
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    `<feed xmlns:ns2="${OPENSEARCH_NS}" xmlns:ns3="${XHTML_NS}" xmlns="${ATOM_NS}">`,
    `    <id>${CONSOLE.feedId}</id>`,
    `    <updated>${atomTime(now)}</updated>`,
    `    <link rel="SELF" href="${escapeXml(base)}"/>`,
    `    <link rel="MANAGEMENT_CONSOLE" href="${escapeXml(self)}"/>`,
    `    <generator>${GENERATOR}</generator>`,
    "    <entry>",
    `        <id>${CONSOLE.uuid}</id>`,
    "        <title>ManagementConsole</title>",
    `        <published>${atomTime(now)}</published>`,
    `        <link rel="SELF" href="${escapeXml(self)}"/>`,
    `        <author>\n            <name>${GENERATOR}</name>\n        </author>`,
    `        <etag:etag xmlns:etag="${UOM_NS}" xmlns="${UOM_NS}">${CONSOLE.etag}</etag:etag>`,
    '        <content type="application/vnd.ibm.powervm.uom+xml; type=ManagementConsole">',
    `            <ManagementConsole:ManagementConsole xmlns:ManagementConsole="${UOM_NS}" xmlns:ns2="${K2_NS}" xmlns="${UOM_NS}" schemaVersion="V1_0">`,
    "                <Metadata>\n                    <Atom>",
    `                        <AtomID>${CONSOLE.uuid}</AtomID>`,
    `                        <AtomCreated>${options.createdAt}</AtomCreated>`,
    "                    </Atom>\n                </Metadata>",
    '                <MachineTypeModelAndSerialNumber kxe="false" kb="ROR" schemaVersion="V1_0">',
    "                    <Metadata>\n                        <Atom/>\n                    </Metadata>",
    `                    <MachineType kb="CUR" kxe="false">${CONSOLE.machineType}</MachineType>`,
    `                    <Model kxe="false" kb="CUR">${CONSOLE.model}</Model>`,
    `                    <SerialNumber kb="CUR" kxe="false">${CONSOLE.serial}</SerialNumber>`,
    "                </MachineTypeModelAndSerialNumber>",
    `                <ManagementConsoleName kxe="false" kb="CUR">${CONSOLE.name}</ManagementConsoleName>`,
    '                <VersionInfo kxe="false" kb="ROR" schemaVersion="V1_0">',
    "                    <Metadata>\n                        <Atom/>\n                    </Metadata>",
    ...versions,
    "                </VersionInfo>",
    "            </ManagementConsole:ManagementConsole>",
    "        </content>",
    "    </entry>",
    "</feed>",
    "",
  ].join("\n");
}
