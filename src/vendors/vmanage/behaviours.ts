import type { Behaviour, ServiceInfo } from "../../vendor-api/behaviour.ts";

/** The services this vendor's suites cover, with the vendor's own documentation page. */
export const services: readonly ServiceInfo[] = [
  {
    vendor: "vmanage",
    service: "session",
    title: "Cisco Catalyst SD-WAN Manager authentication",
    docUrl: "https://developer.cisco.com/docs/sdwan/20-16/authentication",
  },
];

/** The catalogue's rows for this vendor (BEHAVIOURS.md), word for word unless a correction says otherwise. */
export const behaviours: readonly Behaviour[] = [
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
];
