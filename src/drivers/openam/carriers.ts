import type { CredentialCarrier, DriverContext, Session, Verdict } from "../types.ts";
import { bodyField, type Exchange, type HttpRequest } from "../../http/exchange.ts";
import { sessionsRequest, settings } from "./wire.ts";

/**
 * The two ways AM reads a caller's SSO token (wire notes §2.1, SessionResourceV2): the
 * cookie and the header named like it. Each is probed with `validate` and an empty body,
 * so the token travels in that carrier alone; validate never counts as use. A server that
 * demands tokenId in the body (the amster schema's reading, AM-11) answers 400 and says
 * nothing about the carrier: inconclusive, recorded, not judged.
 */
function carrier(
  name: string,
  evidence: string,
  carry: (request: HttpRequest, cookie: string, token: string) => HttpRequest,
): CredentialCarrier {
  return {
    name,
    sureness: "documented",
    evidence,
    async probe(ctx: DriverContext, session: Session) {
      const realm = session.state.realm ?? settings(ctx).realm;
      const request = carry(
        sessionsRequest(ctx, { action: "validate", body: {}, realm }),
        settings(ctx).cookieName,
        session.state.token ?? "",
      );
      const exchange = await ctx.send(request, { label: `probe via ${name}` });
      return judged(exchange);
    },
  };
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

export function openamCarriers(): CredentialCarrier[] {
  return [
    carrier(
      "the header named like the SSO cookie",
      "wire notes §2.1: iPlanetDirectoryPro: <tok>, the form AM's docs use",
      (request, cookie, token) => ({
        ...request,
        headers: { ...request.headers, [cookie]: token },
      }),
    ),
    carrier(
      "the SSO cookie",
      "wire notes §2.1: Cookie: iPlanetDirectoryPro=<tok>, read before the header (SessionResourceV2)",
      (request, cookie, token) => ({
        ...request,
        headers: { ...request.headers, cookie: `${cookie}=${token}` },
      }),
    ),
  ];
}
