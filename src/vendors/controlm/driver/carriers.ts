import { type CredentialCarrier, type DriverContext, jsonRequest, type Session, type Verdict } from "../../../vendor-api/driver.ts";
import type { Exchange } from "../../../http/exchange.ts";

/**
 * The two headers a Control-M credential may travel in (wire notes §1.1): a session token
 * as `Authorization: Bearer` and an API token as `x-api-key` are documented; the generated
 * clients offer both headers on every operation, and one source says session tokens go in
 * `x-api-key`, so each token sent the other way is unverified: observed while it lives,
 * refused once it must be dead.
 */
type Classify = (exchange: Exchange) => Verdict;

function headerCarrier(
  name: string,
  header: (value: string) => Record<string, string>,
  tokenOf: (session: Session) => string | undefined,
  classify: Classify,
): Omit<CredentialCarrier, "sureness" | "evidence"> {
  return {
    name,
    async probe(ctx: DriverContext, session: Session) {
      const request = jsonRequest(ctx, "GET", "/config/servers");
      const value = tokenOf(session) ?? "";
      // Sent without the session's jar: this header and nothing else carries the credential.
      const exchange = await ctx.send({ ...request, headers: { ...request.headers, ...header(value) } }, { label: `probe via ${name}` });
      return { verdict: classify(exchange), exchange };
    },
  };
}

export function controlmCarriers(session: Session, classify: Classify): CredentialCarrier[] {
  const token = (s: Session) => s.state.token ?? s.state.apiKey;
  const bearer = headerCarrier("Authorization: Bearer", (v) => ({ authorization: `Bearer ${v}` }), token, classify);
  const apiKey = headerCarrier("x-api-key", (v) => ({ "x-api-key": v }), token, classify);
  if (session.state.token)
    return [
      { ...bearer, sureness: "documented", evidence: "wire notes §1.1: a session token travels as Authorization: Bearer" },
      {
        ...apiKey,
        sureness: "unverified",
        evidence: "wire notes §1.1: every operation takes x-api-key or Bearer; one source sends session tokens as x-api-key",
      },
    ];
  return [
    { ...apiKey, sureness: "documented", evidence: "vendor doc (Authentication service): an API token travels as x-api-key" },
    {
      ...bearer,
      sureness: "unverified",
      evidence: "wire notes §1.1: every operation takes x-api-key or Bearer; an API token as Bearer is not documented",
    },
  ];
}
