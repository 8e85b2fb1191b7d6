import type { Context } from "hono";
import { crestError } from "./crest.ts";

/**
 * CREST resource versioning (`Accept-API-Version: resource=X.Y, protocol=1.0`). Each major
 * version has one route; a request for X.Y is served by the route of major X whose minor is
 * at least Y (AM 8 answers `resource=2.1` to an authenticate call that asked for 2.0, wire
 * notes §2.1). No header means the newest route. The chosen version is echoed in
 * `Content-API-Version` (AM-13).
 */
type Version = [major: number, minor: number];

function parse(text: string): Version | undefined {
  const match = text.match(/^(\d+)(?:\.(\d+))?$/);
  return match ? [Number(match[1]), Number(match[2] ?? 0)] : undefined;
}

const compare = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1];

/** Every sessions resource version AM has shipped: 4.0 in AM 7/7.1, 5.0 in 7.2, 5.1 in 7.4–8.1 (wire notes §2.2). */
const SESSION_VERSIONS = ["1.1", "2.0", "3.1", "4.0", "5.0", "5.1"];
export const AUTHENTICATE_VERSIONS = ["1.1", "2.1"];
/** serverinfo/*: 1.1 and 2.0 (frodo-lib asks 2.0, frodo-cli 1.1; both answered as asked, recorded); serverinfo/version: 1.0. */
export const SERVERINFO_VERSIONS = ["1.1", "2.0"];
export const SERVERINFO_VERSION_VERSIONS = ["1.0"];
/** CREST protocol majors: 1 (AM's docs) and 2 (frodo-lib's protocol=2.1, answered 200 by AM 7.5 and Identity Cloud, recorded). */
const PROTOCOL_MAJORS = [1, 2];

/**
 * The routes a server speaking `server` has: none newer. A request is served by the newest
 * minor of its major (see negotiate), so older minors of a major never answer.
 */
export function sessionVersionsFor(server: string): string[] {
  const top = parse(server);
  // Stryker disable next-line all: option validation (the resourceVersion --set option), not the vendor's behaviour.
  if (!top || !SESSION_VERSIONS.includes(server))
    // Stryker disable next-line all: as above.
    throw new Error(`resourceVersion must be one of ${SESSION_VERSIONS.join(", ")}; got "${server}"`);
  return SESSION_VERSIONS.filter((v) => compare(parse(v) as Version, top) <= 0);
}

/**
 * Picks the route version for this request and sets `Content-API-Version`; answers the
 * error instead when the header is malformed or asks for a version this server lacks.
 */
export function negotiate(c: Context, routes: readonly string[], omitHeader: boolean): Response | undefined {
  const header = c.req.header("accept-api-version");
  let requested: Version | undefined;
  for (const part of (header ?? "").split(",")) {
    const [key, value] = part.split("=").map((s) => s.trim());
    if (!key) continue;
    const version = value === undefined ? undefined : parse(value);
    if (!version || (key !== "resource" && key !== "protocol")) return crestError(c, 400, `Malformed Accept-API-Version header: ${header}`);
    if (key === "protocol" && !PROTOCOL_MAJORS.includes(version[0])) return crestError(c, 400, `Unsupported major version: ${value}`);
    if (key === "resource") requested = version;
  }
  const candidates = routes.map((v) => [v, parse(v) as Version] as const);
  const chosen = requested ? candidates.filter(([, v]) => v[0] === requested[0] && v[1] >= requested[1]).at(-1) : candidates.at(-1);
  // UNCERTAIN: the exact CREST answer for a version the server lacks; a 404 is what its router gives.
  if (!chosen) return crestError(c, 404, `Resource version ${requested?.join(".")} not supported; this server has ${routes.join(", ")}`);
  // Stryker disable next-line ConditionalExpression: only the no-api-version-header defect omits the header.
  if (!omitHeader) c.header("Content-API-Version", `resource=${chosen[0]}`);
  return undefined;
}
