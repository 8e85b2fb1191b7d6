import { Hono } from "hono";
import { ANNOTATION_DEFAULTS, checkAnnotationOption } from "./annotation.ts";
import { ApiTokenStore } from "./api-tokens.ts";
import { errorList } from "./errors.ts";
import { sessionRoutes } from "./session-routes.ts";
import { ControlmState, SEEDED_API_TOKEN, seededUsers } from "./state.ts";
import { tokenRoutes } from "./token-routes.ts";
import type { VendorMock } from "../core/types.ts";

/** Control-M Automation API: the Session service and the Authentication service (API tokens). */
export const controlmMock: VendorMock = {
  id: "controlm",
  title: "Control-M Automation API",
  variants: [],
  defects: [
    { name: "token-never-expires", breaks: ["CTM-S-05"], description: "session tokens stay valid forever" },
    { name: "logout-keeps-token", breaks: ["CTM-S-07"], description: "logout answers 200 but the token keeps working" },
    { name: "wrong-password-accepted", breaks: ["CTM-S-02"], description: "login succeeds with any password for a known user" },
    { name: "password-update-ignored", breaks: ["CTM-S-08"], description: "password update answers 200 but changes nothing" },
    { name: "bearer-not-required", breaks: ["CTM-S-04"], description: "requests without a token are served as the default user" },
    { name: "duplicate-names-allowed", breaks: ["CTM-A-04"], description: "a second API token with an existing name is created" },
    { name: "roles-not-checked", breaks: ["CTM-A-06"], description: "an API token may carry roles its user does not hold" },
    { name: "expired-token-accepted", breaks: ["CTM-A-09"], description: "API tokens keep working after their expiration date" },
    { name: "deleted-token-accepted", breaks: ["CTM-A-11"], description: "a deleted API token keeps working as x-api-key" },
    { name: "list-shows-all-users", breaks: ["CTM-A-12"], description: "GET /authentication/tokens lists every user's tokens" },
    { name: "update-renames", breaks: ["CTM-A-10"], description: "PUT /authentication/token renames the token to the body's newTokenName" },
  ],
  // "A token is valid for 30 minutes"; from issue (absolute) unless --idle says otherwise (CTM-S-06 is OPEN).
  defaults: { lifetimeMs: 30 * 60_000, options: { version: "9.22.30", ...ANNOTATION_DEFAULTS } },
  optionHelp: {
    version: "the release reported in the login response (default 9.22.30)",
    annotation: "on: token create/update/delete need an annotation (both headers), else 400 (default off; CTM-A-13)",
    annotationSubjectHeader: "header carrying the annotation subject when annotation=on (default Annotation-Subject; real name unconfirmed)",
    annotationDescriptionHeader: "header carrying the annotation description when annotation=on (default Annotation-Description; real name unconfirmed)",
  },
  users: seededUsers,
  create(context) {
    checkAnnotationOption(context);
    const state = new ControlmState(context);
    const tokens = new ApiTokenStore(context);
    const app = new Hono();
    sessionRoutes(app, state, (key) => tokens.userFor(key));
    tokenRoutes(app, state, tokens);
    // A catch-all route, not notFound: the host mounts this app, and a mounted app's notFound is never called.
    app.all("*", (c) => errorList(c, 404, `No such resource: ${c.req.method} ${c.req.path}`));
    return {
      app,
      reset: () => {
        state.reset();
        tokens.reset();
      },
      openSessions: () => state.sessions.live(),
      banner: () => [`seeded API token for ${SEEDED_API_TOKEN.user} (x-api-key): ${SEEDED_API_TOKEN.value}`],
    };
  },
};
