import type { Exchange, HttpRequest } from "../../../http/exchange.ts";
import type { CredentialCarrier, DriverContext, Session, Verdict } from "../../../vendor-api/driver.ts";
import { ATOM_TYPE, CONSOLE_PATH } from "./wire.ts";

type Classify = (exchange: Exchange) => Verdict;

function consoleRequest(ctx: DriverContext): HttpRequest {
  return { method: "GET", url: ctx.url(CONSOLE_PATH), headers: { accept: ATOM_TYPE } };
}

/**
 * The ways an HMC session's credential can reach the server, each sent alone to
 * ManagementConsole (which any logged-on user may read), never through the session's jar:
 *
 * - the `X-API-Session` header: documented (IBM Logon page, every client), so a live
 *   session must be accepted this way and an ended one refused;
 * - the cookies the Logon sets (JSESSIONID, CCFWSESSION), without the header: nobody
 *   says whether they authorize a REST call on their own (they are a servlet
 *   container's), so acceptance while live is only recorded; once the session is
 *   logged off or expired they must not keep it alive by another door.
 */
export function hmcCarriers(session: Session, classify: Classify): CredentialCarrier[] {
  return [
    {
      name: "the X-API-Session header alone",
      sureness: "documented",
      evidence:
        "ibm-hmc-logon-logoff.txt: 'add the X-API-Session as a request header parameter to maintain the session'; wire notes §2.2: every client sends it",
      async probe(ctx) {
        const request = consoleRequest(ctx);
        const token = session.state.apiSession ?? "";
        const exchange = await ctx.send(
          { ...request, headers: { ...request.headers, "x-api-session": token } },
          { label: "probe via the X-API-Session header alone" },
        );
        return { verdict: classify(exchange), exchange };
      },
    },
    {
      name: "the Logon's cookies alone (JSESSIONID, CCFWSESSION)",
      sureness: "unverified",
      evidence:
        "wire notes §2.1: the Logon sets JSESSIONID and CCFWSESSION (Secure; HttpOnly); no source says whether they authorize a REST request without X-API-Session",
      async probe(ctx) {
        const request = consoleRequest(ctx);
        const cookie = await session.cookies.header(request.url);
        const exchange = await ctx.send(cookie ? { ...request, headers: { ...request.headers, cookie } } : request, {
          label: "probe via the Logon's cookies alone",
        });
        // A jar the transport would not send (no cookie kept for this URL) carries nothing to judge.
        if (!cookie) return { verdict: classify(exchange), exchange, inconclusive: "the session holds no cookie for ManagementConsole" };
        return { verdict: classify(exchange), exchange };
      },
    },
  ];
}
