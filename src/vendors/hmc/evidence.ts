import { type EvidenceProfile, bound, pair, xmlText } from "../../vendor-api/evidence.ts";

const HMC_LOGON =
  '<LogonRequest xmlns="http://www.ibm.com/xmlns/systems/power/firmware/web/mc/2012_10/" schemaVersion="V1_0"><UserID>{{username}}</UserID><Password>{{password}}</Password></LogonRequest>';

/** How the fidelity checks read this vendor's recorded traffic (src/vendors/<vendor>/recordings/) and replay it. */
export const evidenceProfile: EvidenceProfile = {
  placeholder: "session",
  carrierHeaders: ["x-api-session"],
  carrierCookies: [],
  tokenBodyKeys: [],
  keyHeaders: [],
  notableHeaders: [],
  credentials: (r) => pair(xmlText(r.text, "UserID"), xmlText(r.text, "Password")),
  bind: (res) => bound({ session: xmlText(res.text, "X-API-Session") }),
  login: {
    method: "PUT",
    path: "/rest/api/web/Logon",
    headers: {
      "content-type": "application/vnd.ibm.powervm.web+xml; type=LogonRequest",
      accept: "application/vnd.ibm.powervm.web+xml; type=LogonResponse",
    },
    text: HMC_LOGON,
  },
  logout: { method: "DELETE", path: "/rest/api/web/Logon", headers: { "x-api-session": "{{session}}" } },
};
