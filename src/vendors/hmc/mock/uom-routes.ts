import type { Context, Hono } from "hono";
import { requireSession } from "./auth.ts";
import { CONSOLE, managementConsoleFeedXml } from "./documents.ts";
import { httpError } from "./errors.ts";
import type { HmcState } from "./state.ts";
import { ATOM_TYPE } from "./wire.ts";

/**
 * The "who am I" call clients make after Logon (ruby SDK uom.rb, hmci), HMC-05.
 */
export function uomRoutes(app: Hono, state: HmcState, bootedAt: number): void {
  const { context } = state;

  app.get("/rest/api/uom/ManagementConsole", (c) => {
    const principal = requireSession(c, state);
    if (principal instanceof Response) return principal;
    const headers = {
      "content-type": ATOM_TYPE,
      etag: CONSOLE.etag,
      "last-modified": new Date(bootedAt).toUTCString(),
      // Stryker disable next-line StringLiteral: the recorded cache directives; no client acts on them.
      "cache-control": "no-transform, must-revalidate, proxy-revalidate, no-cache=set-cookie",
    };
    // pypowervm sends If-None-Match and treats 304 like 204 (adapter.py). Whether ManagementConsole
    // honours it is undocumented, so a 304 and the full feed are both legal answers to a matching etag.
    // Stryker disable next-line StringLiteral: see above.
    if (c.req.header("if-none-match") === CONSOLE.etag) return c.body(null, 304, headers);
    const origin = new URL(c.req.url).origin;
    const feed = managementConsoleFeedXml({ origin, now: context.clock.now(), createdAt: bootedAt, form: state.options.consoleFeed });
    return c.body(feed, 200, headers);
  });
}

/** Under /rest/api (the path itself included, as a `/rest/api/*` route takes it). */
// Stryker disable next-line all: which of the mock's answers a request no route models gets (reported as unmodelled traffic), not the vendor's behaviour.
export const isUnderRestApi = (path: string): boolean => path === "/rest/api" || path.startsWith("/rest/api/");

/**
 * A resource under /rest/api this mock does not model: a real HMC has it (or answers its
 * own 404), so a request here is a driver's mistake, journaled by the host as unmodelled
 * (the mock's notFound serves this answer). The session is checked before the resource is
 * looked up, so an unknown resource without a session is a 401, not a 404.
 */
// Stryker disable all: not the vendor's behaviour (unmodelled), see above.
export function unmodelledResource(c: Context, state: HmcState): Response {
  const principal = requireSession(c, state);
  if (principal instanceof Response) return principal;
  return httpError(c, state.context.clock.now(), {
    status: 404,
    reasonCode: "Not found.",
    message: `The resource ${c.req.path} does not exist on this mock.`,
  });
}
