import type { Verdict } from "./driver.ts";

/**
 * The HTTP ladder most vendors' answers follow: 2xx ok, 401 unauthenticated, 403 forbidden,
 * 5xx error, anything else rejected. A vendor's own readings (AM's 200 `{valid:false}`, HMC's
 * 403 that means "no session", vManage's login page) are its driver's, decided before this.
 */
export function verdictOfStatus(status: number): Verdict {
  if (status >= 200 && status < 300) return "ok";
  if (status === 401) return "unauthenticated";
  if (status === 403) return "forbidden";
  return status >= 500 ? "error" : "rejected";
}
