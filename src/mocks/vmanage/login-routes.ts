import type { Context, Hono } from "hono";
import { getCookie } from "hono/cookie";
import { errorPage, HTML, loginPage, WELCOME_PAGE } from "./pages.ts";
import type { VmanageEnv } from "./dataservice.ts";
import type { VmanageState } from "./state.ts";

/** The form fields, or undefined when the body is not a form (a JSON login fails like a wrong password). */
async function readLoginForm(c: Context): Promise<{ username: string; password: string } | undefined> {
  if (!/^application\/x-www-form-urlencoded/i.test(c.req.header("content-type") ?? "")) return undefined;
  const form = new URLSearchParams(await c.req.text());
  const username = form.get("j_username");
  const password = form.get("j_password");
  return username === null || password === null ? undefined : { username, password };
}

function loginFailed(c: Context, state: VmanageState, username: string) {
  // HTTP 200 on every release (VM-02); the defect answers 401 as a "proper" REST API would.
  const status = state.context.defect("failed-login-401") ? 401 : 200;
  if (state.options.failureBody === "json") {
    return c.json({ error: { message: "Login Error", code: "Failed to login user ", details: ` ${username}`, type: "Error" } }, status);
  }
  return c.body(loginPage("Invalid User or Password"), status, { "Content-Type": HTML });
}

export function loginRoutes(app: Hono<VmanageEnv>, state: VmanageState): void {
  app.post("/j_security_check", async (c) => {
    const form = await readLoginForm(c);
    if (!form || !state.checkPassword(form.username, form.password)) return loginFailed(c, state, form?.username ?? "");
    const session = state.open(form.username);
    c.header("Set-Cookie", `JSESSIONID=${session.id}; Path=/; Secure; HttpOnly; SameSite=Lax`);
    // Success is told apart from failure by the EMPTY body (catalystwan, go-sdwan): VM-01.
    if (state.context.defect("login-body-not-empty")) return c.body(WELCOME_PAGE, 200, { "Content-Type": HTML });
    return c.body(null, 200, { "Content-Length": "0" });
  });

  const logout = (c: Context) => {
    const allowed = state.options.logoutMethod;
    if (allowed !== "both" && allowed !== c.req.method.toLowerCase()) return errorPage(c, 405, "Method Not Allowed");
    const session = state.sessions.find(getCookie(c, "JSESSIONID"), { touch: false });
    if (session && !state.context.defect("logout-keeps-session")) state.sessions.close(session.id);
    // Without a live session the answer is the same redirect: invalidating nothing is
    // still a finished logout, and sastre counts only the 302 as success.
    const origin = new URL(c.req.url).origin;
    return c.redirect(`${origin}/welcome.html?nocache=${state.context.clock.now()}`, 302);
  };
  app.on(["GET", "POST"], "/logout", logout);

  app.get("/welcome.html", (c) => c.body(WELCOME_PAGE, 200, { "Content-Type": HTML }));
}
