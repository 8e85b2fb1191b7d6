import type { CredentialCarrier, DriverContext, Session, Verdict } from "../../../vendor-api/driver.ts";
import { bodyField, type Exchange, type HttpRequest } from "../../../http/exchange.ts";
import { sessionsRequest, settings } from "./wire.ts";

/**
 * The two ways AM reads a caller's SSO token (wire notes §2.1, SessionResourceV2): the
 * cookie and the header named like it. Each is probed with `validate` and an empty body,
 * so the token travels in that carrier alone; validate never counts as use. A server that
 * demands tokenId in the body (the amster schema's reading, AM-11) answers 400 and says
 * nothing about the carrier: inconclusive, recorded, not judged — unless the same request
 * through the other carrier was read (a 200 valid true or false): then the 400 says this
 * carrier was not, and that is judged.
 */
type Carry = (request: HttpRequest, cookie: string, token: string) => HttpRequest;

function carrier(name: string, evidence: string, carry: Carry, other: Carry): CredentialCarrier {
  return {
    name,
    sureness: "documented",
    evidence,
    async probe(ctx: DriverContext, session: Session) {
      const send = (how: Carry, label: string) =>
        ctx.send(how(validateRequest(ctx, session), settings(ctx).cookieName, session.state.token ?? ""), { label });
      const exchange = await send(carry, `probe via ${name}`);
      const verdict = judged(exchange);
      if (!verdict.inconclusive) return verdict;
      const control = await send(other, `probe via ${name}: the same request through the other carrier`);
      if (control.response.status !== 200 || typeof bodyField(control, "valid") !== "boolean") return verdict;
      return { verdict: "rejected", exchange };
    },
  };
}

function validateRequest(ctx: DriverContext, session: Session): HttpRequest {
  return sessionsRequest(ctx, { action: "validate", body: {}, realm: session.state.realm ?? settings(ctx).realm });
}

function judged(exchange: Exchange): { verdict: Verdict; exchange: Exchange; inconclusive?: string } {
  const { status } = exchange.response;
  const valid = bodyField(exchange, "valid");
  if (status === 200 && valid === true) return { verdict: "ok", exchange };
  if (status === 200 && valid === false) return { verdict: "unauthenticated", exchange };
  if (status === 400)
    return {
      verdict: "rejected",
      exchange,
      inconclusive: "validate without tokenId is refused (400): the token's carrier is not read here",
    };
  if (status === 401) return { verdict: "unauthenticated", exchange };
  return { verdict: status >= 500 ? "error" : "rejected", exchange };
}

const asHeader: Carry = (request, cookie, token) => ({ ...request, headers: { ...request.headers, [cookie]: token } });

/**
 * The SSO cookie after the load balancer's cookie AM sets beside it (wire notes §2.1 capture),
 * as a browser may order them: the server must find its cookie by name, not by place.
 */
const asCookie: Carry = (request, cookie, token) => ({
  ...request,
  headers: { ...request.headers, cookie: `amlbcookie=01; ${cookie}=${token}` },
});

export function openamCarriers(): CredentialCarrier[] {
  return [
    carrier(
      "the header named like the SSO cookie",
      "wire notes §2.1: iPlanetDirectoryPro: <tok>, the form AM's docs use",
      asHeader,
      asCookie,
    ),
    carrier(
      "the SSO cookie",
      "wire notes §2.1: Cookie: iPlanetDirectoryPro=<tok>, read before the header (SessionResourceV2)",
      asCookie,
      asHeader,
    ),
  ];
}
