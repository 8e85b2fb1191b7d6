import type { Context, Hono } from "hono";
import { requireSession } from "./auth.ts";
import { logonResponseXml } from "./documents.ts";
import { httpError } from "./errors.ts";
import { isLogonRequestType, type LogonRequest, parseLogonRequest, UnmarshalError } from "./logon-request.ts";
import type { HmcOptions } from "./options.ts";
import type { HmcSession, HmcState } from "./state.ts";
import { LOGON_REQUEST_TYPE, LOGON_RESPONSE_TYPE, WEB_NS, WRONG_WEB_NS } from "./wire.ts";

export const LOGON = "/rest/api/web/Logon";

/**
 * The Logon cookies as captured: 2024 (hmci readme-hmc.md) scopes JSESSIONID to /rest;
 * 2014 (pypowervm tests/test_session.py) sets both on /.
 */
function setLogonCookies(c: Context, session: HmcSession, options: HmcOptions): void {
  // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: /rest and / are both captured (variant cookies-2014).
  const captured2024 = options.cookieSet === "2024";
  // Stryker disable next-line ConditionalExpression: as above.
  const jsessionPath = captured2024 ? "/rest" : "/";
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: no Set-Cookie precedes this one, so appending and setting are the same.
  c.header("set-cookie", `JSESSIONID=${session.data.jsessionId}; Path=${jsessionPath}; Secure; HttpOnly`, { append: true });
  c.header("set-cookie", `CCFWSESSION=${session.data.ccfwSession}; Path=/; Secure; HttpOnly`, { append: true });
}

/**
 * A new session for an accepted Logon: one more beside the user's others (sessions that
 * are never logged off pile up, wire notes §2.2). Two defects get that wrong: one answers
 * with the user's live session instead, one ends the user's earlier sessions first.
 */
function logon(state: HmcState, username: string): HmcSession | undefined {
  const { context } = state;
  // Stryker disable all: only the logon-reuses-live-session defect gets in.
  if (context.defect("logon-reuses-live-session")) {
    const live = state.sessionsOf(username).at(-1);
    if (live) return live;
  }
  // Stryker restore all
  if (context.defect("logon-ends-previous-sessions")) state.closeAllOf(username);
  return state.open(username);
}

/**
 * DELETE Logon ends the presented session and nothing else (HMC-07); each defect here is
 * a way a real logoff ends the wrong session, too many, or too few.
 */
function logoff(state: HmcState, token: string, username: string): void {
  const { context } = state;
  if (context.defect("logoff-keeps-session")) return;
  // Stryker disable all: only the logoff-ends-oldest-session and logoff-ends-all-user-sessions defects get in.
  if (context.defect("logoff-ends-oldest-session")) {
    const oldest = state.sessionsOf(username)[0];
    if (oldest) state.close(oldest.id);
    return;
  }
  if (context.defect("logoff-ends-all-user-sessions")) {
    state.closeAllOf(username);
    return;
  }
  // Stryker restore all
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: the session is closed at once, so counting the lookup as use changes nothing.
  const session = state.find(token, { touch: false });
  // Stryker disable next-line ConditionalExpression: unreachable, requireSession has just found this session live.
  if (!session) return;
  // The console's session list spliced from one place too early: the Logon before this one goes as well.
  const previous = context.defect("logoff-ends-previous-logon") ? state.loggedOnBefore(session) : undefined;
  // Stryker disable next-line ConditionalExpression: only the logoff-ends-previous-logon defect finds a previous session.
  if (previous) state.close(previous.id);
  state.close(token);
  if (context.defect("logoff-keeps-servlet-session")) state.keepServletSession(session);
}

/** The `schema-v1_0-refused` defect: a console that reads only the documented V1_1_0 form. */
// Stryker disable all: only the schema-v1_0-refused defect calls this.
function refuseAllButV1_1_0(request: LogonRequest): void {
  if (request.schemaVersion !== "V1_1_0") throw new UnmarshalError(`schemaVersion ${request.schemaVersion ?? "(none)"} is not supported`);
}
// Stryker restore all

/**
 * The LogonResponse answers in the schema version the request asked for: V1_1_0 for V1_1_0
 * (the IBM doc example), V1_0 otherwise (the 2024 capture answers a V1_0 request with V1_0).
 * The logon-response-v1-1-0 variant always says V1_1_0, as pypowervm's recorded logon.xml does.
 */
function responseVersion(request: LogonRequest, options: HmcOptions): "V1_0" | "V1_1_0" {
  // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: the version asked or always V1_1_0 are both recorded (variant logon-response-v1-1-0); no suite asserts which.
  if (options.logonResponseVersion === "V1_1_0") return "V1_1_0";
  // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: see above: V1_0 or V1_1_0 in the answer are both legal.
  return request.schemaVersion === "V1_1_0" ? "V1_1_0" : "V1_0";
}

/** PUT Logon (HMC-01..04, 08) and DELETE Logon (HMC-07). */
export function logonRoutes(app: Hono, state: HmcState): void {
  const { context, options } = state;

  app.put(LOGON, async (c) => {
    const now = context.clock.now();
    if (!isLogonRequestType(c.req.header("content-type")) && !context.defect("wrong-content-type-accepted")) {
      return httpError(c, now, {
        // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: 400 and 415 are both legal (HMC-08's code is OPEN; variants content-type-400/415).
        status: options.badContentTypeStatus === "415" ? 415 : 400,
        body: options.badRequestBody,
        // Stryker disable next-line StringLiteral: a 4xx ReasonCode is free text (none is recorded); clients print it.
        reasonCode: "Unsupported media type.",
        message: `Logon needs Content-Type: ${LOGON_REQUEST_TYPE}; got ${c.req.header("content-type") ?? "none"}.`,
      });
    }
    let request: LogonRequest;
    try {
      // Stryker disable next-line ObjectLiteral: without the option a DTD is refused, the other legal form (variant doctype-parsed).
      request = parseLogonRequest(await c.req.text(), { doctype: options.doctype });
      if (context.defect("schema-v1_0-refused")) refuseAllButV1_1_0(request);
    } catch (error) {
      // Stryker disable next-line ConditionalExpression: unreachable, parseLogonRequest throws nothing else (a mock bug stays a 500).
      if (!(error instanceof UnmarshalError)) throw error;
      // The text ansible keys on to say "invalid input" (hmc_rest_client.py parse_error_response).
      return httpError(c, now, {
        status: 400,
        body: options.badRequestBody,
        // Stryker disable next-line StringLiteral: a 4xx ReasonCode is free text (none is recorded); clients print it.
        reasonCode: "Bad request.",
        message: `Failed to unmarshal input payload: ${error.message}`,
      });
    }
    const user = state.user(request.userId);
    const accepted = user !== undefined && (request.password === user.password || context.defect("any-password-accepted"));
    const session = accepted ? logon(state, user.username) : undefined;
    if (!session) {
      // A lockout reflex that throws out the account's live sessions, not only the refused attempt.
      // Stryker disable next-line ConditionalExpression: with the defect off the condition is false whatever its other half.
      if (user && context.defect("refused-logon-ends-sessions")) state.closeAllOf(user.username);
      return httpError(c, now, {
        status: 401,
        body: options.logonFailureBody,
        // Stryker disable next-line StringLiteral: a 401's ReasonCode is free text (no release's is recorded); clients print it.
        reasonCode: "Unauthorized.",
        message: "Logon failed: the user ID or password is not valid.",
      });
    }
    setLogonCookies(c, session, options);
    const namespace = context.defect("wrong-namespace-response") ? WRONG_WEB_NS : WEB_NS;
    // Stryker disable next-line StringLiteral: only the wrong-response-content-type defect answers application/xml.
    const type = context.defect("wrong-response-content-type") ? "application/xml" : LOGON_RESPONSE_TYPE;
    const form = {
      namespace,
      schemaVersion: responseVersion(request, options),
      // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: with Metadata or without are both legal (HMC-03, variant logon-response-no-metadata).
      metadata: options.logonResponseMetadata === "present",
      // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: a prefixed or a default namespace binding are the same document (variant logon-response-prefixed; suites read #namespace).
      prefix: options.logonResponsePrefix === "web" ? ("web" as const) : ("" as const),
    };
    return c.body(logonResponseXml(session.id, form), 200, { "content-type": type });
  });

  // Clients send the LogonRequest content type with no body here (ansible, hmci); it is not checked.
  app.delete(LOGON, (c) => {
    const principal = requireSession(c, state);
    if (principal instanceof Response) return principal;
    // Stryker disable next-line ConditionalExpression: the token is missing only when a defect let the request through.
    if (principal.token) logoff(state, principal.token, principal.username);
    // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: 200 and 204 are both legal (HMC-07's code is OPEN; variants logoff-200/204).
    return c.body(null, options.logoffStatus === "200" ? 200 : 204);
  });
}

/**
 * Logon with a method no route takes: IBM documents PUT and DELETE only, and what an HMC
 * answers to other methods is not known, so the host journals it as unmodelled (the mock's
 * notFound serves this answer).
 */
// Stryker disable all: not the vendor's behaviour (unmodelled), see above.
export function logonMethodNotServed(c: Context, state: HmcState): Response {
  const principal = requireSession(c, state);
  if (principal instanceof Response) return principal;
  c.header("allow", "PUT, DELETE");
  return httpError(c, state.context.clock.now(), {
    status: 405,
    reasonCode: "Method not allowed.",
    message: `${c.req.method} is not supported on ${LOGON}; use PUT or DELETE.`,
  });
}
