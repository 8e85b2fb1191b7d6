import { parseXml } from "../../http/xml.ts";
import { localName } from "../../text/xml-names.ts";
import { WEB_MEDIA, WEB_NS } from "./wire.ts";

export interface LogonRequest {
  userId: string;
  password: string;
  schemaVersion: string | undefined;
  hasMetadata: boolean;
}

/** Why a Logon body was refused; the text goes into the HttpErrorResponse Message. */
export class UnmarshalError extends Error {}

/** `application/vnd.ibm.powervm.web+xml; type=LogonRequest`, any case, extra parameters allowed. */
export function isLogonRequestType(header: string | undefined): boolean {
  const [media, ...params] = (header ?? "").split(";").map((part) => part.trim());
  if (media?.toLowerCase() !== WEB_MEDIA) return false;
  return params.some((p) => /^type\s*=\s*"?LogonRequest"?$/i.test(p));
}

type Attrs = Record<string, unknown>;

function asObject(node: unknown): Attrs {
  return node && typeof node === "object" && !Array.isArray(node) ? (node as Attrs) : {};
}

/** The namespace an element name resolves to, looking at its own declarations, then its parent's. */
function namespaceOf(name: string, ...scopes: Attrs[]): string | undefined {
  const colon = name.indexOf(":");
  const declaration = colon >= 0 ? `@xmlns:${name.slice(0, colon)}` : "@xmlns";
  for (const scope of scopes) {
    const uri = scope[declaration];
    if (typeof uri === "string") return uri;
  }
  return undefined;
}

function textOf(name: string, node: unknown, root: Attrs): string {
  if (Array.isArray(node)) throw new UnmarshalError(`${localName(name)} appears more than once`);
  const own = asObject(node);
  if (namespaceOf(name, own, root) !== WEB_NS) throw new UnmarshalError(`${localName(name)} is not in the namespace ${WEB_NS}`);
  const raw = typeof node === "string" ? node : own["#text"];
  // Entities are already decoded by the project parser (src/http/xml.ts).
  return typeof raw === "string" ? raw : "";
}

const DOCTYPE = /<!DOCTYPE\s[^[>]*(\[[\s\S]*?\]\s*)?>/i;
const ENTITY_NAME = /<!ENTITY\s+(?:%\s+)?([A-Za-z_][\w.-]*)/g;

/**
 * `doctype=parsed`: a server whose parser accepts a DTD. The mock never expands an
 * entity (the project parser refuses DTDs, and rightly): it drops the DOCTYPE and turns
 * each reference to an entity declared there into literal text, so such a value never
 * equals a credential. For the requests the suite sends (unknown users) that answers
 * exactly as an expanding server would: 401, no session.
 */
export function withoutDoctype(text: string): string {
  const doctype = text.match(DOCTYPE)?.[0];
  if (!doctype) return text;
  const declared = new Set([...doctype.matchAll(ENTITY_NAME)].map((m) => m[1]));
  return text.replace(doctype, "").replace(/&([A-Za-z_][\w.-]*);/g, (ref, name: string) => (declared.has(name) ? `&amp;${name};` : ref));
}

/** Reads a LogonRequest as JAXB would: root and fields in the web namespace, unknown elements ignored. */
export function parseLogonRequest(text: string, options: { doctype: "refused" | "parsed" } = { doctype: "refused" }): LogonRequest {
  let document: Record<string, unknown>;
  try {
    document = parseXml(options.doctype === "parsed" ? withoutDoctype(text) : text);
  } catch (error) {
    throw new UnmarshalError((error as Error).message);
  }
  const roots = Object.keys(document);
  const rootName = roots[0];
  if (roots.length !== 1 || rootName === undefined) throw new UnmarshalError("the document must have exactly one root element");
  if (localName(rootName) !== "LogonRequest") throw new UnmarshalError(`unexpected element ${localName(rootName)}; expected LogonRequest`);
  const root = asObject(document[rootName]);
  if (namespaceOf(rootName, root) !== WEB_NS) throw new UnmarshalError(`LogonRequest is not in the namespace ${WEB_NS}`);
  const fields = new Map(
    Object.keys(root)
      .filter((k) => !k.startsWith("@") && k !== "#text")
      .map((k) => [localName(k), k]),
  );
  const userKey = fields.get("UserID");
  const passwordKey = fields.get("Password");
  if (!userKey || !passwordKey) throw new UnmarshalError("LogonRequest needs a UserID and a Password");
  const schemaVersion = root["@schemaVersion"];
  return {
    userId: textOf(userKey, root[userKey], root),
    password: textOf(passwordKey, root[passwordKey], root),
    schemaVersion: typeof schemaVersion === "string" ? schemaVersion : undefined,
    hasMetadata: fields.has("Metadata"),
  };
}
