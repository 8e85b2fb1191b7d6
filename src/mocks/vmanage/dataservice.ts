import type { Hono, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { devices, serverInfo } from "./fixtures.ts";
import { dataserviceError, noSessionPage, xsrfRefused } from "./pages.ts";
import type { VmanageSession, VmanageState } from "./state.ts";

export type VmanageEnv = { Variables: { session: VmanageSession } };

/** Session first (no session → login page), then the SessionTokenFilter (XSRF on non-GET). */
function guard(state: VmanageState): MiddlewareHandler<VmanageEnv> {
  return async (c, next) => {
    const { defect } = state.context;
    const session = state.use(getCookie(c, "JSESSIONID"));
    if (!session) {
      if (defect("unauthenticated-401")) return dataserviceError(c, 401, "Unauthorized", "No valid session", "AUTH0001");
      return noSessionPage(c);
    }
    const isGet = c.req.method === "GET" || c.req.method === "HEAD";
    const needsToken = isGet ? defect("get-needs-xsrf") : !defect("xsrf-not-enforced");
    // Headers are case-insensitive: catalystwan sends x-xsrf-token, sastre X-XSRF-TOKEN.
    if (needsToken && c.req.header("x-xsrf-token") !== session.data.xsrf) return xsrfRefused(c);
    c.set("session", session);
    await next();
  };
}

export function dataserviceRoutes(app: Hono<VmanageEnv>, state: VmanageState): void {
  const header = () => ({ generatedOn: state.context.clock.now() });
  app.use("/dataservice/*", guard(state));

  app.get("/dataservice/client/token", (c) => {
    const token = c.get("session").data.xsrf;
    if (c.req.query("json") === "true" || state.context.defect("token-json-by-default")) return c.json({ token });
    return c.text(token);
  });

  app.get("/dataservice/client/server", (c) => {
    const session = c.get("session");
    return c.json({ data: serverInfo(state.options.version, session.user, state.group(session.user), session.data.xsrf) });
  });

  app.get("/dataservice/client/server/ready", (c) => c.json({ isServerReady: true }));

  app.get("/dataservice/device", (c) =>
    c.json({ header: { ...header(), viewKeys: { uniqueKey: ["system-ip"], preferenceKey: "grid-Device" } }, data: devices(state.options.version) }),
  );

  // A query POST: changes nothing, yet still needs the XSRF token (wire notes §1.3).
  app.post("/dataservice/alarms", (c) => c.json({ header: header(), data: [] }));

  app.all("/dataservice/*", (c) => dataserviceError(c, 404, "Not Found", `No resource at ${c.req.method} ${c.req.path}`, "RESTAPI0001"));
}
