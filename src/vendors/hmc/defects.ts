import type { MockDefect } from "../../vendor-api/mock.ts";

/** Named violations of the HMC behaviours (BEHAVIOURS.md), one or more per id, to prove the suite catches each. */
export const hmcDefects: readonly MockDefect[] = [
  {
    name: "wrong-namespace-response",
    breaks: ["HMC-01"],
    description: "the LogonResponse is emitted in the 2012_06 namespace, not 2012_10",
  },
  { name: "wrong-response-content-type", breaks: ["HMC-02"], description: "the LogonResponse is served as application/xml" },
  { name: "schema-v1_0-refused", breaks: ["HMC-03"], description: "Logon refuses schemaVersion V1_0 (what most clients send) with 400" },
  { name: "any-password-accepted", breaks: ["HMC-04"], description: "Logon succeeds with any password for a known user" },
  {
    name: "session-cookie-only",
    breaks: ["HMC-05"],
    description: "later requests are authorized by the JSESSIONID cookie, as a servlet session; the X-API-Session header alone is refused",
  },
  {
    name: "logon-ends-previous-sessions",
    breaks: ["HMC-05"],
    description:
      "a Logon ends the user's earlier sessions (one session per user): an X-API-Session stops authorizing as soon as its user logs on again elsewhere",
  },
  {
    name: "logon-reuses-live-session",
    breaks: ["HMC-01"],
    description: "a Logon of a user who has a live session answers that session's X-API-Session instead of establishing a new one",
  },
  {
    name: "refused-logon-ends-sessions",
    breaks: ["HMC-04"],
    description: "a Logon refused for a wrong password also ends every live session of that user",
  },
  {
    name: "session-not-checked",
    breaks: ["HMC-06"],
    description: "requests with a missing or unknown X-API-Session are served as hscroot",
  },
  {
    name: "x-api-session-prefix-lookup",
    breaks: ["HMC-06"],
    description:
      "the X-API-Session is looked up as a prefix of the live tokens (a LIKE 'value%' query), so an empty header authorizes as the earliest live session",
  },
  { name: "logoff-keeps-session", breaks: ["HMC-07"], description: "DELETE Logon answers 204 but the X-API-Session keeps working" },
  {
    name: "logoff-ends-oldest-session",
    breaks: ["HMC-07"],
    description: "DELETE Logon ends the user's oldest live session, not the one whose X-API-Session it presents",
  },
  {
    name: "logoff-ends-all-user-sessions",
    breaks: ["HMC-07"],
    description: "DELETE Logon ends every session of the presenting user, not only the presented one",
  },
  {
    name: "logoff-ends-previous-logon",
    breaks: ["HMC-07"],
    description:
      "DELETE Logon ends the presented session and also the session logged on just before it, whoever its user (the console's session list spliced one place too early)",
  },
  {
    name: "logoff-keeps-servlet-session",
    breaks: ["HMC-07"],
    description:
      "on a console where the Logon's JSESSIONID cookie authorizes, DELETE Logon ends the X-API-Session but the servlet session behind the cookie keeps authorizing",
    variant: "logon-cookies-authorize",
  },
  { name: "wrong-content-type-accepted", breaks: ["HMC-08"], description: "Logon accepts any Content-Type and creates a session" },
  { name: "sessions-never-expire", breaks: ["HMC-09"], description: "sessions ignore the idle timeout (and any lifetime)" },
  {
    name: "one-idle-timeout",
    breaks: ["HMC-09"],
    description: "every user's session follows one console-wide idle timeout, not the user's own Idle timeout minutes",
  },
  {
    name: "idle-clock-per-user",
    breaks: ["HMC-09"],
    description: "the last-activity time is kept per user, so use of one session keeps every idle session of that user alive",
  },
  {
    name: "idle-expiry-ends-user-sessions",
    breaks: ["HMC-09"],
    description: "when one session idles out, every other session of its user ends with it, however recently used",
  },
];
