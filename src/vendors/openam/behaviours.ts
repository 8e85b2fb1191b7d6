import type { Behaviour, ServiceInfo } from "../../vendor-api/behaviour.ts";

/** The services this vendor's suites cover, with the vendor's own documentation page. */
export const services: readonly ServiceInfo[] = [
  {
    vendor: "openam",
    service: "sessions",
    title: "OpenAM / ForgeRock AM Sessions endpoint",
    docUrl: "https://docs.pingidentity.com/pingam/7.5/am-sessions/managing-sessions-REST.html",
  },
];

/** The catalogue's rows for this vendor (BEHAVIOURS.md), word for word unless a correction says otherwise. */
export const behaviours: readonly Behaviour[] = [
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
