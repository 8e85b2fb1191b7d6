import { Hono } from "hono";
import { errorList } from "./errors.ts";
import { sessionRoutes } from "./session-routes.ts";
import { ControlmState, seededUsers } from "./state.ts";
import type { VendorMock } from "../core/types.ts";

/** Control-M Automation API: the Session service (and, in time, the Authentication service). */
export const controlmMock: VendorMock = {
  id: "controlm",
  title: "Control-M Automation API",
  defects: [
    { name: "token-never-expires", breaks: ["CTM-S-05"], description: "session tokens stay valid forever" },
    { name: "logout-keeps-token", breaks: ["CTM-S-07"], description: "logout answers 200 but the token keeps working" },
    { name: "wrong-password-accepted", breaks: ["CTM-S-02"], description: "login succeeds with any password for a known user" },
    { name: "password-update-ignored", breaks: ["CTM-S-08"], description: "password update answers 200 but changes nothing" },
    { name: "bearer-not-required", breaks: ["CTM-S-04"], description: "requests without a token are served as the default user" },
  ],
  // "A token is valid for 30 minutes"; from issue (absolute) unless --idle says otherwise (CTM-S-06 is OPEN).
  defaults: { lifetimeMs: 30 * 60_000, options: { version: "9.22.30" } },
  optionHelp: { version: "the release reported in the login response (default 9.22.30)" },
  users: seededUsers,
  create(context) {
    const state = new ControlmState(context);
    const app = new Hono();
    sessionRoutes(app, state, () => undefined);
    app.notFound((c) => errorList(c, 404, `No such resource: ${c.req.method} ${c.req.path}`));
    return {
      app,
      reset: () => state.reset(),
      openSessions: () => state.sessions.live().map((s) => ({ user: s.user, createdAt: s.createdAt, lastUsedAt: s.lastUsedAt })),
    };
  },
};
