import { parseXml } from "../../../http/xml.ts";
import { localName } from "../../../text/xml-names.ts";
import { WEB_MEDIA, WEB_NS } from "./wire.ts";

export interface LogonRequest {
  userId: string;
  password: string;
  /** Read only by the `schema-v1_0-refused` defect: the console accepts both forms (HMC-03). */
  schemaVersion: string | undefined;
}

/** Why a Logon body was refused; the text goes into the HttpErrorResponse Message. */
export class UnmarshalError extends Error {}

/** `application/vnd.ibm.powervm.web+xml; type=LogonRequest`, any case, extra parameters allowed. */
export function isLogonRequestType(header: string | undefined): boolean {
  // Stryker disable next-line StringLiteral: any text that is not the media type is refused alike.
  const [media, ...params] = (header ?? "").split(";").map((part) => part.trim());
  // Stryker disable next-line OptionalChaining: split always yields a first part.
  if (media?.toLowerCase() !== WEB_MEDIA) return false;
  // Every client sends exactly `type=LogonRequest` and no other parameter; how the HMC treats
  // other spellings or a second parameter is undocumented (a JAX-RS server may ignore them).
  // Stryker disable next-line MethodExpression,Regex: see above.
  return params.some((p) => /^type\s*=\s*"?LogonRequest"?$/i.test(p));
}

type Attrs = Record<string, unknown>;

function asObject(node: unknown): Attrs {
  // Stryker disable next-line ConditionalExpression,LogicalOperator: a string indexed by an @ or # key yields undefined, as {} does.
  return node && typeof node === "object" && !Array.isArray(node) ? (node as Attrs) : {};
}

/** The namespace an element name resolves to, looking at its own declarations, then its parent's. */
function namespaceOf(name: string, ...scopes: Attrs[]): string | undefined {
  const colon = name.indexOf(":");
  // Stryker disable next-line EqualityOperator: no XML name starts with a colon.
  const declaration = colon >= 0 ? `@xmlns:${name.slice(0, colon)}` : "@xmlns";
  for (const scope of scopes) {
    const uri = scope[declaration];
    if (typeof uri === "string") return uri;
  }
  return undefined;
}

function textOf(name: string, node: unknown, root: Attrs): string {
  // A repeated field is refused either way: here with 400, without this check with the 401 its empty value gets.
  // Stryker disable next-line ConditionalExpression,StringLiteral: see above; the text is Message wording.
  if (Array.isArray(node)) throw new UnmarshalError(`${localName(name)} appears more than once`);
  const own = asObject(node);
  // Stryker disable next-line StringLiteral: the text is Message wording.
  if (namespaceOf(name, own, root) !== WEB_NS) throw new UnmarshalError(`${localName(name)} is not in the namespace ${WEB_NS}`);
  const raw = typeof node === "string" ? node : own["#text"];
  // Entities are already decoded by the project parser (src/http/xml.ts). No seeded user has
  // an empty name or password, so "" and any other non-credential are refused alike.
  // Stryker disable next-line ConditionalExpression,StringLiteral: see above.
  return typeof raw === "string" ? raw : "";
}

// A DTD is refused (400) or parsed without expanding anything (401 for the suites' unknown
// users): both are legal (HMC-08, variants doctype-parsed and the default). Every mutant from
// here to parseLogonRequest only moves a request from one form to the other, and none can
// expand an entity: the project parser refuses every entity it does not know.
// Stryker disable all: see above.
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

// Stryker restore all
/** Reads a LogonRequest as JAXB would: root and fields in the web namespace, unknown elements ignored. */
export function parseLogonRequest(text: string, options: { doctype: "refused" | "parsed" }): LogonRequest {
  let document: Record<string, unknown>;
  try {
    // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: a DTD refused or parsed without expansion, both legal (see above).
    document = parseXml(options.doctype === "parsed" ? withoutDoctype(text) : text);
  } catch (error) {
    throw new UnmarshalError((error as Error).message);
  }
  // The validator lets a second root element through; XML allows exactly one.
  const [rootName, ...otherRoots] = Object.keys(document);
  // Stryker disable next-line StringLiteral: the text is Message wording.
  if (otherRoots.length > 0) throw new UnmarshalError("the document must have exactly one root element");
  // Stryker disable next-line ConditionalExpression,StringLiteral: unreachable (the validator refuses a document without a root); the text is Message wording.
  if (rootName === undefined) throw new UnmarshalError("the document has no root element");
  // Stryker disable next-line StringLiteral: the text is Message wording.
  if (localName(rootName) !== "LogonRequest") throw new UnmarshalError(`unexpected element ${localName(rootName)}; expected LogonRequest`);
  const root = asObject(document[rootName]);
  // Stryker disable next-line StringLiteral: the text is Message wording.
  if (namespaceOf(rootName, root) !== WEB_NS) throw new UnmarshalError(`LogonRequest is not in the namespace ${WEB_NS}`);
  // An attribute's key keeps its @ and the text's is #text, so neither has UserID or Password as its local name.
  // Stryker disable next-line MethodExpression,ConditionalExpression,LogicalOperator,StringLiteral: see above.
  const fieldKeys = Object.keys(root).filter((k) => !k.startsWith("@") && k !== "#text");
  const fields = new Map(fieldKeys.map((k) => [localName(k), k]));
  const userKey = fields.get("UserID");
  const passwordKey = fields.get("Password");
  // Stryker disable next-line StringLiteral: the text is Message wording.
  if (!userKey || !passwordKey) throw new UnmarshalError("LogonRequest needs a UserID and a Password");
  // Stryker disable next-line StringLiteral: only the schema-v1_0-refused defect reads it.
  const schemaVersion = root["@schemaVersion"];
  return {
    userId: textOf(userKey, root[userKey], root),
    password: textOf(passwordKey, root[passwordKey], root),
    // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: only the schema-v1_0-refused defect reads it.
    schemaVersion: typeof schemaVersion === "string" ? schemaVersion : undefined,
  };
}
