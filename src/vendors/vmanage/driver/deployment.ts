import type { DeploymentOption } from "../../../vendor-api/driver.ts";

/** The query POSTs the wire notes name (§1.3), below /dataservice/: they change nothing, yet need the XSRF token. */
const QUERY_POSTS = ["alarms", "statistics/interface"];

/** A generous time for one light request of one session on a real server (a GET of client/server). */
const ONE_USE_MS = 500;

/**
 * What a vManage deployment configures, by the mock's `--set` names. Defaults are the
 * documented values; the mock's own default differs only for logoutMethod (it serves
 * both methods, which the documentation does not say of any release).
 */
export const deploymentOptions: Record<string, DeploymentOption> = {
  sessionCap: {
    description:
      "most concurrent sessions of the test account before a login evicts the least recently used: 100 (current docs), 250 (older releases), or the server's per-user maximum sessions setting if lower",
    default: "100",
    wholeNumber: { min: 1 },
  },
  logoutMethod: {
    description:
      "how /logout is served: post (documented; 20.12 and later), get (before 20.12) or both; the driver logs out with POST unless this says get",
    default: "post",
    values: ["post", "get", "both"],
  },
  xsrfToken: {
    description:
      "enforced (19.2 and later: /dataservice/client/token and X-XSRF-TOKEN on non-GETs) or absent (before 19.2: the cookie alone)",
    default: "enforced",
    values: ["enforced", "absent"],
  },
  xsrfAllowList: {
    description: "comma-separated /dataservice paths TAC allow-listed to skip the XSRF check (default none)",
    default: "",
  },
};

function allowListed(options: Readonly<Record<string, string>>): Set<string> {
  return new Set(
    (options.xsrfAllowList ?? "")
      .split(",")
      .map((p) => p.trim())
      .filter((p) => p !== ""),
  );
}

function capRound(sessionCap: string | undefined): string | undefined {
  const cap = Number(sessionCap ?? "100");
  return Number.isInteger(cap) && cap > 0 ? `${cap * ONE_USE_MS}ms` : undefined;
}

/**
 * Values scenarios read as `${options.<name>}`; undefined where the deployment lacks the
 * thing, so a scenario that needs it is skipped with the reason instead of failing.
 */
export function deploymentFacts(options: Readonly<Record<string, string>>): Record<string, string | undefined> {
  const enforced = options.xsrfToken !== "absent";
  const exempt = allowListed(options);
  const method = options.logoutMethod ?? "post";
  // Path tails below /dataservice/: a scenario's path must start with / where it is written.
  return {
    // The token endpoint exists from 19.2 on.
    xsrfTokenEndpoint: enforced ? "client/token" : undefined,
    // A query POST the SessionTokenFilter still guards here.
    xsrfCheckedQuery: enforced ? QUERY_POSTS.find((p) => !exempt.has(`/dataservice/${p}`)) : undefined,
    // A query POST TAC allow-listed here: it must pass without the token.
    xsrfExemptQuery: enforced ? QUERY_POSTS.find((p) => exempt.has(`/dataservice/${p}`)) : undefined,
    // Before 19.2 the token endpoint is missing (python-viptela reads its 404 as "no token").
    missingXsrfTokenEndpoint: enforced ? undefined : "client/token",
    // GET where the release serves both methods (the driver's own logout is POST), else the one it serves.
    otherLogoutMethod: method === "post" ? "POST" : "GET",
    // POST, where the release serves POST /logout and has XSRF tokens: a logout without the token is tried there.
    postLogout: enforced && method !== "get" ? "POST" : undefined,
    // A round of one use of every session up to the cap: the flood's sessions must not idle out within one.
    oneUseOfEveryCapSession: capRound(options.sessionCap),
  };
}
