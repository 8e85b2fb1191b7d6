import { escapeXml } from "../../../http/xml.ts";

/**
 * The HMC web namespace (wire notes §2.6): LogonRequest, LogonResponse, HttpErrorResponse.
 * Deliberately not shared with the mock's copy: a driver and a mock that import one
 * constant would agree on a typo, and no test would notice.
 */
export const WEB_NS = "http://www.ibm.com/xmlns/systems/power/firmware/web/mc/2012_10/";
export const LOGON_PATH = "/rest/api/web/Logon";
export const CONSOLE_PATH = "/rest/api/uom/ManagementConsole";
export const LOGON_REQUEST_TYPE = "application/vnd.ibm.powervm.web+xml; type=LogonRequest";
export const LOGON_RESPONSE_TYPE = "application/vnd.ibm.powervm.web+xml; type=LogonResponse";
export const ATOM_TYPE = "application/atom+xml";

export type SchemaVersion = "V1_1_0" | "V1_0";
const SCHEMA_VERSIONS: readonly string[] = ["V1_1_0", "V1_0"];

/**
 * The step's `with: { schemaVersion }`, else IBM's documented V1_1_0 form. Which form a
 * client sends is the client's choice, not the server's configuration, so targets do
 * not declare it. A typo fails loudly rather than silently sending the other form.
 */
export function pickSchemaVersion(step: unknown): SchemaVersion {
  const chosen = step ?? "V1_1_0";
  if (typeof chosen !== "string" || !SCHEMA_VERSIONS.includes(chosen)) {
    throw new Error(`hmc: schemaVersion must be one of ${SCHEMA_VERSIONS.join(", ")}; got ${JSON.stringify(chosen)}`);
  }
  return chosen as SchemaVersion;
}

/**
 * V1_1_0: the IBM doc example (Metadata, kb/kxe attributes). V1_0: what pypowervm,
 * hmci and ansible send (no Metadata, no attributes). Values are XML-escaped, as
 * pypowervm does, so a password holding `&` or `<` stays a password.
 */
export function logonRequestXml(version: SchemaVersion, username: string, password: string): string {
  const user = escapeXml(username);
  const pass = escapeXml(password);
  if (version === "V1_0") {
    return `<LogonRequest xmlns="${WEB_NS}" schemaVersion="V1_0"><UserID>${user}</UserID><Password>${pass}</Password></LogonRequest>`;
  }
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    `<LogonRequest xmlns="${WEB_NS}" schemaVersion="V1_1_0">`,
    "    <Metadata>",
    "        <Atom/>",
    "    </Metadata>",
    `    <UserID kb="CUR" kxe="false">${user}</UserID>`,
    `    <Password kb="CUR" kxe="false">${pass}</Password>`,
    "</LogonRequest>",
  ].join("\n");
}
