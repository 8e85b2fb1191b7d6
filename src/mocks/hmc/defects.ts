import type { MockDefect } from "../core/types.ts";

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
    name: "session-not-checked",
    breaks: ["HMC-06"],
    description: "requests with a missing or unknown X-API-Session are served as hscroot",
  },
  { name: "logoff-keeps-session", breaks: ["HMC-07"], description: "DELETE Logon answers 204 but the X-API-Session keeps working" },
  { name: "wrong-content-type-accepted", breaks: ["HMC-08"], description: "Logon accepts any Content-Type and creates a session" },
  { name: "sessions-never-expire", breaks: ["HMC-09"], description: "sessions ignore the idle timeout (and any lifetime)" },
  {
    name: "one-idle-timeout",
    breaks: ["HMC-09"],
    description: "every user's session follows one console-wide idle timeout, not the user's own Idle timeout minutes",
  },
];
