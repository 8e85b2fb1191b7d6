import { type TeamFileProblem, teamBehavioursFromEnv } from "./team-behaviours.ts";

/**
 * The documented behaviours the suites assert, with their stable ids, transcribed from
 * the vendor catalogue (BEHAVIOURS.md). `sureness` is the catalogue's own words:
 * DOC and WIRE behaviours are asserted strictly; an OPEN part is observed and recorded.
 * specs/harness/catalogue.spec.ts keeps this list in step with the catalogue.
 */
export interface Behaviour {
  id: string;
  vendor: string;
  service: string;
  sureness: string;
  text: string;
  /** Set on a team's own behaviour (src/catalogue/team-behaviours.ts): reports list those apart from the vendor's. */
  origin?: "team";
  /** A team behaviour's document or ticket. */
  source?: string;
}

export interface ServiceInfo {
  vendor: string;
  service: string;
  title: string;
  /** The vendor's own documentation page, linked from every report entry. */
  docUrl: string;
}

export const services: readonly ServiceInfo[] = [
  {
    vendor: "controlm",
    service: "session",
    title: "Control-M Session service",
    docUrl: "https://documents.bmc.com/supportu/API/Monthly/en-US/Documentation/API_Services_SessionService.htm",
  },
  {
    vendor: "controlm",
    service: "authentication",
    title: "Control-M Authentication service",
    docUrl: "https://documents.bmc.com/supportu/API/Monthly/en-US/Documentation/API_Services_AuthenticationService.htm",
  },
  {
    vendor: "hmc",
    service: "logon",
    title: "IBM PowerVM HMC Logon/Logoff",
    docUrl: "https://www.ibm.com/docs/en/power9/9040-MR9?topic=apis-logon-logoff",
  },
  {
    vendor: "vmanage",
    service: "session",
    title: "Cisco Catalyst SD-WAN Manager authentication",
    docUrl: "https://developer.cisco.com/docs/sdwan/20-16/authentication",
  },
  {
    vendor: "openam",
    service: "sessions",
    title: "OpenAM / ForgeRock AM Sessions endpoint",
    docUrl: "https://docs.pingidentity.com/pingam/7.5/am-sessions/managing-sessions-REST.html",
  },
];

export const behaviours: readonly Behaviour[] = [
  {
    id: "CTM-S-01",
    vendor: "controlm",
    service: "session",
    sureness: "DOC",
    text: "`POST /session/login` with valid JSON credentials returns 200 `{username, token, version}`; token non-empty",
  },
  {
    id: "CTM-S-02",
    vendor: "controlm",
    service: "session",
    sureness: "WIRE",
    text: 'login with a wrong password or unknown user is refused (401) with `{"errors":[{"message":…}]}` and no token',
  },
  {
    id: "CTM-S-03",
    vendor: "controlm",
    service: "session",
    sureness: "DOC",
    text: "the token authorizes later requests as `Authorization: Bearer <token>`",
  },
  {
    id: "CTM-S-04",
    vendor: "controlm",
    service: "session",
    sureness: "WIRE",
    text: "a request with no token or an unknown token is refused (401, `errors[]`)",
  },
  {
    id: "CTM-S-05",
    vendor: "controlm",
    service: "session",
    sureness: "DOC",
    text: "a token is valid for 30 minutes: used within 30 min it works; after 30 min it is refused",
  },
  {
    id: "CTM-S-06",
    vendor: "controlm",
    service: "session",
    sureness: "OPEN",
    text: "whether the 30 minutes run from issue (absolute) or from last use (idle)",
  },
  {
    id: "CTM-S-07",
    vendor: "controlm",
    service: "session",
    sureness: "DOC + WIRE",
    text: "`POST /session/logout` with the token returns 200 `{message}`; the token is refused afterwards",
  },
  {
    id: "CTM-S-08",
    vendor: "controlm",
    service: "session",
    sureness: "DOC",
    text: "`POST /session/user/password/update` `{currentPassword, newPassword}` changes the password: the new one logs in, the old one no longer does",
  },
  {
    id: "CTM-S-09",
    vendor: "controlm",
    service: "session",
    sureness: "WIRE",
    text: "password update with a wrong current password is refused (400, `errors[]`) and changes nothing",
  },
  {
    id: "CTM-S-10",
    vendor: "controlm",
    service: "session",
    sureness: "DOC (CLI) / OPEN (REST body)",
    text: "password values may be given as `Secret:<secretKey>`",
  },
  {
    id: "CTM-S-11",
    vendor: "controlm",
    service: "session",
    sureness: "DOC",
    text: "login response `version` identifies the server release (recorded in the report)",
  },
  {
    id: "CTM-A-01",
    vendor: "controlm",
    service: "authentication",
    sureness: "DOC",
    text: "every token operation needs an existing token (`x-api-key`, or a session Bearer); without one it is refused (401)",
  },
  {
    id: "CTM-A-02",
    vendor: "controlm",
    service: "authentication",
    sureness: "DOC + WIRE",
    text: "`POST /authentication/token` `{tokenName, expirationDate?, roles[]}` returns the token value and its properties (`tokenName, tokenType, tokenValue, user, roles, expirationDate, createdDate…`)",
  },
  {
    id: "CTM-A-03",
    vendor: "controlm",
    service: "authentication",
    sureness: "DOC",
    text: "the created token authorizes requests as `x-api-key: <value>`",
  },
  {
    id: "CTM-A-04",
    vendor: "controlm",
    service: "authentication",
    sureness: "DOC",
    text: "`tokenName` is unique: creating a second token with the same name is refused",
  },
  {
    id: "CTM-A-05",
    vendor: "controlm",
    service: "authentication",
    sureness: "DOC",
    text: "`roles` is mandatory with at least one role; an empty or missing list is refused",
  },
  {
    id: "CTM-A-06",
    vendor: "controlm",
    service: "authentication",
    sureness: "DOC",
    text: "every role must be one the logged-in user holds; otherwise refused",
  },
  {
    id: "CTM-A-07",
    vendor: "controlm",
    service: "authentication",
    sureness: "DOC",
    text: "`expirationDate` is `YYYY-MM-DD`, in the future, interpreted in UTC; a past or malformed date is refused",
  },
  {
    id: "CTM-A-08",
    vendor: "controlm",
    service: "authentication",
    sureness: "DOC",
    text: "with no `expirationDate` the token never expires",
  },
  {
    id: "CTM-A-09",
    vendor: "controlm",
    service: "authentication",
    sureness: "DOC",
    text: "after its expiration date (UTC) the token is refused",
  },
  {
    id: "CTM-A-10",
    vendor: "controlm",
    service: "authentication",
    sureness: "DOC",
    text: "`PUT /authentication/token` updates expiration date and roles; the name cannot change; every field must be present",
  },
  {
    id: "CTM-A-11",
    vendor: "controlm",
    service: "authentication",
    sureness: "DOC + WIRE",
    text: "`DELETE /authentication/token/{name}` deletes it; the token is refused afterwards and `GET` of it is 404",
  },
  {
    id: "CTM-A-12",
    vendor: "controlm",
    service: "authentication",
    sureness: "DOC",
    text: "`GET /authentication/token/{name}` returns its details; `GET /authentication/tokens` lists only the logged-in user's tokens",
  },
  {
    id: "CTM-A-13",
    vendor: "controlm",
    service: "authentication",
    sureness: "DOC / OPEN",
    text: "when annotation is enabled, create/update/delete without an annotation is refused (header names: OPEN)",
  },
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
  {
    id: "VM-01",
    vendor: "vmanage",
    service: "session",
    sureness: "DOC",
    text: "`POST /j_security_check` form `j_username`, `j_password`: success is 200, empty body, `Set-Cookie: JSESSIONID`",
  },
  {
    id: "VM-02",
    vendor: "vmanage",
    service: "session",
    sureness: "DOC + WIRE",
    text: 'failure is **200** with a body: an HTML login page (`<html>`) on most releases, JSON `{"error":…}` on 20.18; no usable session',
  },
  {
    id: "VM-03",
    vendor: "vmanage",
    service: "session",
    sureness: "DOC + WIRE",
    text: '`GET /dataservice/client/token` with the cookie returns the XSRF token as text (`?json=true` → `{"token":…}`)',
  },
  {
    id: "VM-04",
    vendor: "vmanage",
    service: "session",
    sureness: "DOC + WIRE",
    text: "a POST to `/dataservice/*` without a matching `X-XSRF-TOKEN` is refused (403); with it, accepted; header name is case-insensitive",
  },
  { id: "VM-05", vendor: "vmanage", service: "session", sureness: "DOC", text: "GET requests need only the cookie" },
  {
    id: "VM-06",
    vendor: "vmanage",
    service: "session",
    sureness: "WIRE",
    text: "requests without a valid session get the login page (not JSON data, not 401)",
  },
  {
    id: "VM-07",
    vendor: "vmanage",
    service: "session",
    sureness: "DOC",
    text: "`POST /logout?nocache=N` returns 302 with `Location: …/welcome.html?nocache=…`; the session is invalid afterwards",
  },
  { id: "VM-08", vendor: "vmanage", service: "session", sureness: "DOC", text: "a session expires after 30 minutes of inactivity" },
  {
    id: "VM-09",
    vendor: "vmanage",
    service: "session",
    sureness: "DOC",
    text: "a session expires 24 hours after login even when used continuously",
  },
  {
    id: "VM-10",
    vendor: "vmanage",
    service: "session",
    sureness: "DOC",
    text: "at most 100 concurrent sessions (older releases: 250); a new login beyond the limit invalidates the **least recently used** session, not the oldest",
  },
  {
    id: "VM-11",
    vendor: "vmanage",
    service: "session",
    sureness: "DOC",
    text: "sequential requests must share one session (the same cookie is reused, no re-login)",
  },
  {
    id: "AM-01",
    vendor: "openam",
    service: "sessions",
    sureness: "WIRE",
    text: "`POST /json/realms/root/authenticate` with `X-OpenAM-Username`/`X-OpenAM-Password` returns 200 `{tokenId, successUrl, realm}` and sets the `iPlanetDirectoryPro` cookie; bad credentials → 401 `{code, reason, message}`",
  },
  {
    id: "AM-02",
    vendor: "openam",
    service: "sessions",
    sureness: "DOC + WIRE",
    text: "`_action=validate` `{tokenId}` → 200 `{valid:true, sessionUid, uid, realm}` for a live token, 200 `{valid:false}` for an expired, logged-out or unknown one; needs no caller session",
  },
  {
    id: "AM-03",
    vendor: "openam",
    service: "sessions",
    sureness: "DOC + WIRE",
    text: "`getSessionInfo` returns `{username, universalId, realm, latestAccessTime, maxIdleExpirationTime, maxSessionExpirationTime, properties}` and does **not** reset idle time",
  },
  {
    id: "AM-04",
    vendor: "openam",
    service: "sessions",
    sureness: "DOC",
    text: "`getSessionInfoAndResetIdleTime` returns the same and **does** reset idle time",
  },
  {
    id: "AM-05",
    vendor: "openam",
    service: "sessions",
    sureness: "DOC + WIRE",
    text: "`getSessionProperties` returns the allow-listed properties; `updateSessionProperties` updates them; a property outside the allow-list is refused",
  },
  {
    id: "AM-06",
    vendor: "openam",
    service: "sessions",
    sureness: "DOC + WIRE",
    text: '`logout` `{tokenId}` → 200 `{"result":"Successfully logged out"}`; `validate` then says `valid:false`',
  },
  {
    id: "AM-07",
    vendor: "openam",
    service: "sessions",
    sureness: "DOC + WIRE",
    text: "`logoutByHandle` `{sessionHandles:[…]}` (admin) invalidates those sessions → `{result:{<handle>:true}}`; missing/non-array field → 400",
  },
  {
    id: "AM-08",
    vendor: "openam",
    service: "sessions",
    sureness: "DOC + WIRE",
    text: "`query` with `_queryFilter` (`true`, `username eq …`, `realm eq …`) lists sessions with `sessionHandle` (admin only)",
  },
  {
    id: "AM-09",
    vendor: "openam",
    service: "sessions",
    sureness: "DOC",
    text: "`refresh` resets idle time only when more than the latest-access update frequency (default 60 s) has passed since the last access",
  },
  {
    id: "AM-10",
    vendor: "openam",
    service: "sessions",
    sureness: "WIRE",
    text: "a session expires after the idle timeout (default 30 min) and after the maximum session time (default 120 min) even when used",
  },
  { id: "AM-11", vendor: "openam", service: "sessions", sureness: "DOC", text: "the body schema is enforced: `tokenId` missing → 400" },
  {
    id: "AM-12",
    vendor: "openam",
    service: "sessions",
    // Corrected from BEHAVIOURS.md by recorded traffic: src/catalogue/corrections.ts.
    sureness: "WIRE + RECORDED",
    text: "every action but `validate` needs a caller session (401 `{code:401, reason:\"Unauthorized\"}` without one) — except `getSessionInfo` of the live token the body names, which AM 7.x/8.x and Identity Cloud answer 200 with that session's info (the OpenAM fork: 401); another user's session needs an admin (403)",
  },
  {
    id: "AM-13",
    vendor: "openam",
    service: "sessions",
    sureness: "DOC + WIRE",
    text: "the API version header `Accept-API-Version: resource=4.0` is honoured (responses carry `Content-API-Version`)",
  },
];

const byId = new Map(behaviours.map((b) => [b.id, b]));

/** The team's own behaviours (the file SESSIONPROBE_BEHAVIOURS names), or none when the file is absent or does not validate. */
export function teamBehaviours(): readonly Behaviour[] {
  return teamBehavioursFromEnv({ behaviours, services })?.behaviours ?? [];
}

/** The team behaviours file's problems, located; validate and every run report them with the scenario files'. */
export function teamBehaviourProblems(): readonly TeamFileProblem[] {
  return teamBehavioursFromEnv({ behaviours, services })?.problems ?? [];
}

/** The team behaviours file's text (the loaded-file cache keys on it: its ids decide which covers: are known). */
export function teamBehavioursText(): string {
  return teamBehavioursFromEnv({ behaviours, services })?.text ?? "";
}

/** A catalogue id, else a team's own; the catalogue wins (a team file cannot declare its ids). */
export function findBehaviour(id: string): Behaviour | undefined {
  return byId.get(id) ?? teamBehaviours().find((b) => b.id === id);
}

export const isTeamBehaviour = (behaviour: Behaviour): boolean => behaviour.origin === "team";

/** True for an id of the team's own file: reports list it under "team behaviours", apart from the vendor's. */
export function isTeamId(id: string): boolean {
  const behaviour = findBehaviour(id);
  return behaviour !== undefined && isTeamBehaviour(behaviour);
}

export function findService(vendor: string, service: string): ServiceInfo | undefined {
  return services.find((s) => s.vendor === vendor && s.service === service);
}

/** True when any part of the behaviour is OPEN: its unsettled part is observed, not failed. */
export function isOpen(behaviour: Behaviour): boolean {
  return /OPEN/.test(behaviour.sureness);
}
