import type { Behaviour, ServiceInfo } from "../../vendor-api/behaviour.ts";

/** The services this vendor's suites cover, with the vendor's own documentation page. */
export const services: readonly ServiceInfo[] = [
  {
    vendor: "hmc",
    service: "logon",
    title: "IBM PowerVM HMC Logon/Logoff",
    docUrl: "https://www.ibm.com/docs/en/power9/9040-MR9?topic=apis-logon-logoff",
  },
];

/** The catalogue's rows for this vendor (BEHAVIOURS.md), word for word unless a correction says otherwise. */
export const behaviours: readonly Behaviour[] = [
  {
    id: "HMC-01",
    vendor: "hmc",
    service: "logon",
    sureness: "DOC",
    text: "`PUT /rest/api/web/Logon`, `Content-Type: application/vnd.ibm.powervm.web+xml; type=LogonRequest`, a `LogonRequest` (namespace `http://www.ibm.com/xmlns/systems/power/firmware/web/mc/2012_10/`) returns 200 `LogonResponse` holding `X-API-Session`",
  },
  {
    id: "HMC-02",
    vendor: "hmc",
    service: "logon",
    sureness: "WIRE",
    text: "the response content type is `application/vnd.ibm.powervm.web+xml; type=LogonResponse`",
  },
  {
    id: "HMC-03",
    vendor: "hmc",
    service: "logon",
    sureness: "DOC + WIRE",
    text: "`schemaVersion` V1_1_0 with `Metadata` (the documented form) and V1_0 without it (what clients send) are both accepted",
  },
  { id: "HMC-04", vendor: "hmc", service: "logon", sureness: "WIRE", text: "wrong credentials are refused with 401 and no session" },
  {
    id: "HMC-05",
    vendor: "hmc",
    service: "logon",
    sureness: "DOC + WIRE",
    text: "`X-API-Session` on later requests authorizes them (e.g. `GET /rest/api/uom/ManagementConsole` → Atom feed)",
  },
  {
    id: "HMC-06",
    vendor: "hmc",
    service: "logon",
    sureness: "WIRE / OPEN (code)",
    text: "a request with a missing or invalid session is refused (401; some releases 403)",
  },
  {
    id: "HMC-07",
    vendor: "hmc",
    service: "logon",
    sureness: "DOC (+ OPEN code)",
    text: "`DELETE /rest/api/web/Logon` with `X-API-Session` deletes the session (200 or 204); the session is refused afterwards",
  },
  {
    id: "HMC-08",
    vendor: "hmc",
    service: "logon",
    sureness: "OPEN (code)",
    text: "a wrong content type or malformed XML on Logon is refused (4xx) and creates no session",
  },
  {
    id: "HMC-09",
    vendor: "hmc",
    service: "logon",
    sureness: "WIRE (per-user setting)",
    text: "an idle session expires after the user's configured idle timeout",
  },
];
