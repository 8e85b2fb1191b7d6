import { contentType, type Exchange, type HttpRequest } from "../../../http/exchange.ts";
import { type CredentialCarrier, type DriverContext, jsonRequest, type Session, type Verdict } from "../../../vendor-api/driver.ts";
import { ALARM_QUERY } from "./wire.ts";

type Classify = (exchange: Exchange) => Verdict;

/**
 * The cookie the login issued, not the jar's: a no-session answer carries a JSESSIONID
 * expiring in 1970 (wire notes §1.4), which empties the jar, and a probe that then sends
 * no cookie at all would prove an ended session dead without asking about it.
 */
function loginCookie(session: Session): Record<string, string> {
  return { cookie: `JSESSIONID=${session.state.jsessionid ?? ""}` };
}

/**
 * A POST that carries the session's own token and meets the SessionTokenFilter's 403 page
 * (HTML, wire notes §1.3) was refused because the server holds no token for that session:
 * it no longer holds the session. Which check a dead session's POST meets first, the
 * session's or the token's, no source says (§1.3, §1.4); while the session lives the same
 * 403 fails `session: valid` like any other refusal. Any other 403 is about the user's
 * rights to the query, not about the session: it judges nothing.
 */
function postJudgement(exchange: Exchange, classify: Classify): { verdict: Verdict; exchange: Exchange; inconclusive?: string } {
  if (exchange.response.status !== 403) return { verdict: classify(exchange), exchange };
  if (contentType(exchange.response).includes("text/html")) return { verdict: "unauthenticated", exchange };
  return {
    verdict: "forbidden",
    exchange,
    inconclusive: "the query POST was refused for the user's rights (a 403 that is not the SessionTokenFilter's page)",
  };
}

/**
 * The two ways a vManage session is used (vendor doc, "Make an API request"), each sent
 * with the login's JSESSIONID alone, outside the session's jar:
 *
 * - a GET with the cookie only (VM-05);
 * - a POST with the cookie and the session's X-XSRF-TOKEN (VM-04; the cookie alone before
 *   19.2, which has no token).
 *
 * Both are documented, so a live session must be served both ways and an ended one
 * refused both ways: a logout that ends the session for GETs while the token still opens
 * POSTs is caught here.
 */
export function vmanageCarriers(session: Session, classify: Classify): CredentialCarrier[] {
  return [
    {
      name: "Cookie JSESSIONID on a GET",
      sureness: "documented",
      evidence:
        "cisco-catalyst-manager-authentication.txt: 'the user needs to provide an API token as a cookie: JESSIONID={session hash}' (sic); wire notes §1.3: GET needs only the cookie",
      async probe(ctx: DriverContext) {
        const request = jsonRequest(ctx, "GET", "/dataservice/device");
        const exchange = await ctx.send(
          { ...request, headers: { ...request.headers, ...loginCookie(session) } },
          { label: "probe via Cookie JSESSIONID on a GET" },
        );
        return { verdict: classify(exchange), exchange };
      },
    },
    {
      name: "Cookie JSESSIONID with X-XSRF-TOKEN on a POST",
      sureness: "documented",
      evidence:
        "cisco-catalyst-manager-authentication.txt: 'For POST requests, the user also needs to provide the matching XSRF token'; wire notes §1.3: query POSTs need the token",
      async probe(ctx: DriverContext) {
        const request: HttpRequest = jsonRequest(ctx, "POST", "/dataservice/alarms", ALARM_QUERY);
        const token = session.state.xsrf === undefined ? {} : { "X-XSRF-TOKEN": session.state.xsrf };
        const exchange = await ctx.send(
          { ...request, headers: { ...request.headers, ...loginCookie(session), ...token } },
          { label: "probe via Cookie JSESSIONID with X-XSRF-TOKEN on a POST" },
        );
        return postJudgement(exchange, classify);
      },
    },
  ];
}
