import { randomBytes, randomUUID } from "node:crypto";

/**
 * Token shapes as AM 7/8 prints them. An SSO token is `<base64url signature>.*<C66 extensions>*`
 * (frodo-lib AM 8.0.1 capture, wire notes §2.1); C66 is base64 with `+/=` swapped for `-_.`,
 * so the value is cookie-safe. The extensions carry length-prefixed fields: SI (server id),
 * SK (storage key), type=CTS, S1 (site).
 */
// Stryker disable all: the extensions are AM's own bookkeeping (server id, storage key, site), read by AM alone; clients treat the token as opaque (wire notes §2.4), so no answer a client reads differs.
function c66(bytes: Buffer): string {
  return bytes.toString("base64").replace(/\+/g, "-").replace(/\//g, "_").replace(/=/g, ".");
}

function fields(...values: string[]): Buffer {
  return Buffer.concat(
    values.map((value) => {
      const text = Buffer.from(value, "utf8");
      const length = Buffer.alloc(2);
      length.writeUInt16BE(text.length);
      return Buffer.concat([length, text]);
    }),
  );
}

const tokenExtensions = (storageKey: string) => c66(fields("SI", "01", "SK", storageKey, "type", "CTS", "S1", ""));
const handleExtensions = () => c66(fields("SI", "01", "S1", ""));
// Stryker restore all

export function newTokenId(): string {
  return `${randomBytes(20).toString("base64url")}.*${tokenExtensions(randomBytes(21).toString("base64"))}*`;
}

/** `shandle:` + a session-id-like string (SessionID.generateSessionHandle, wire notes §2.4). */
export function newSessionHandle(): string {
  return `shandle:${randomBytes(20).toString("base64url")}.*${handleExtensions()}*`;
}

let auditCounter = 0;

/** AMCtxId / sessionUid form: a UUID and a counter ("86d527f2-…-3bf1b9517d24-280"). */
export function newAuditId(): string {
  // Stryker disable next-line AssignmentOperator: the counter only dresses the id as AM prints it; AMCtxId and sessionUid are opaque to every client.
  auditCounter += 1;
  return `${randomUUID()}-${auditCounter}`;
}

/** An opaque JWT-shaped authId for a callback login step (AM signs its own; clients never parse it). */
export function newAuthId(realm: string, tree: string): string {
  return `${jwtHeaderAndPayload(realm, tree)}.${randomBytes(32).toString("base64url")}`;
}

// Stryker disable all: what the authId carries is AM's to read back; a client only returns the authId as it got it.
function jwtHeaderAndPayload(realm: string, tree: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const payload = { otk: randomBytes(12).toString("hex"), authIndexValue: tree, authIndexType: "service", realm };
  return `${part({ typ: "JWT", alg: "HS256" })}.${part(payload)}`;
}
// Stryker restore all
