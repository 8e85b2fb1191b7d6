import { type ActionContext, accessibleTarget } from "./action-context.ts";
import { crestError } from "./crest.ts";
import { PROTECTED_PROPERTIES } from "./state.ts";
import { allowListedProperties } from "./views.ts";

/**
 * The mock's bounds on what a session stores, not AM's (it documents none): a property
 * value at most `maxPropertyValueLength` characters (700 updates of 900 KB once took the
 * mock to 816 MB), and, where the `property-allowlist-ignored` defect lets any name in,
 * names of at most 256 characters and at most 64 properties a session. Each is refused
 * the way AM refuses a request it will not process: CREST's 400 envelope, nothing stored.
 */
const MAX_PROPERTY_NAME = 256;
const MAX_PROPERTIES = 64;

/** SRC: getSessionProperties / updateSessionProperties answer 400 for a token that is not live. */
const invalidToken = (ctx: ActionContext) => () => crestError(ctx.c, 400, "Invalid session ID");

/** getSessionProperties (AM-05): the realm's allow-listed properties, "" for those not set. */
export function getSessionProperties(ctx: ActionContext): Response {
  const target = accessibleTarget(ctx, invalidToken(ctx));
  if (target instanceof Response) return target;
  return ctx.c.json(allowListedProperties(ctx.state, target));
}

/**
 * updateSessionProperties (AM-05): the body is `{tokenId, <property>: <string>, …}`. Every
 * property must be allow-listed and not protected (AMCtxId and the like), else 403 and nothing
 * changes. The OpenAM fork demands the body's keys equal the allow-list; how AM 7+ mixes that
 * with tokenId is UNCERTAIN (wire notes §2.3), so `propertyUpdate=exact` is a variant: the
 * properties sent must be exactly the settable (allow-listed, unprotected) ones.
 */
export function updateSessionProperties(ctx: ActionContext): Response {
  const target = accessibleTarget(ctx, invalidToken(ctx));
  if (target instanceof Response) {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: with the forbidden-update-still-applied defect off the test is false whatever the status.
    if (target.status === 403 && ctx.state.context.defect("forbidden-update-still-applied")) writeBeforeAuthorizing(ctx);
    return target;
  }
  const updates = Object.entries(ctx.body).filter(([name]) => name !== "tokenId");
  const ignoreList = ctx.state.context.defect("property-allowlist-ignored");
  // The property-update-hits-caller defect writes where the request came from, not where tokenId points.
  // Stryker disable next-line ConditionalExpression: whether a caller is there matters only with the property-update-hits-caller defect on.
  const holder = ctx.state.context.defect("property-update-hits-caller") && ctx.caller ? ctx.caller : target;
  const properties = ctx.state.propertiesOf(holder);
  const halfApplied = ctx.state.context.defect("property-refusal-half-applied");
  for (const [name, value] of updates) {
    if (typeof value !== "string") return crestError(ctx.c, 400, `Session property "${shown(name)}" must be a string`);
    const allowed = isSettable(ctx, name);
    if (!allowed && !ignoreList) return crestError(ctx.c, 403, `User is not allowed to set session property "${shown(name)}"`);
    // The property-refusal-half-applied defect writes each property as it checks it, so a later refusal leaves the earlier ones.
    // Stryker disable next-line ConditionalExpression: only the property-refusal-half-applied defect writes here.
    if (halfApplied && withinBounds(ctx, name, value)) properties.set(name, value);
  }
  // Stryker disable all: the fork's exact-keys rule (the property-update-exact-keys variant): the suites send exactly the settable set, which both legal rules accept, so a mutant that drops or loosens the rule switches to the other legal answer.
  if (
    ctx.state.settings.propertyUpdate === "exact" &&
    !ignoreList &&
    !sameSet(
      updates.map(([name]) => name),
      settable(ctx),
    )
  ) {
    return crestError(ctx.c, 403, "The session properties sent must be exactly the allow-listed ones");
  }
  // Stryker restore all
  // Stryker disable all: the mock's own bounds on what a session stores (AM documents none), not the vendor's behaviour.
  const { maxPropertyValueLength } = ctx.state.settings;
  for (const [name, value] of updates) {
    if (name.length > MAX_PROPERTY_NAME)
      return crestError(ctx.c, 400, `Session property name "${shown(name)}" is longer than ${MAX_PROPERTY_NAME} characters`);
    if ((value as string).length > maxPropertyValueLength)
      return crestError(ctx.c, 400, `Session property "${shown(name)}" is longer than ${maxPropertyValueLength} characters`);
  }
  if (new Set([...properties.keys(), ...updates.map(([name]) => name)]).size > MAX_PROPERTIES)
    return crestError(ctx.c, 400, `A session holds at most ${MAX_PROPERTIES} properties`);
  // Stryker restore all
  for (const [name, value] of updates) properties.set(name, value as string);
  return ctx.c.json(allowListedProperties(ctx.state, holder));
}

const isSettable = (ctx: ActionContext, name: string) => ctx.state.settings.allowList.includes(name) && !PROTECTED_PROPERTIES.has(name);

// Stryker disable all: only defects write past the checks (property-refusal-half-applied, forbidden-update-still-applied), within the mock's own bounds.
const withinBounds = (ctx: ActionContext, name: string, value: string) =>
  name.length <= MAX_PROPERTY_NAME && value.length <= ctx.state.settings.maxPropertyValueLength;

/** The forbidden-update-still-applied defect: the settable properties land on the target before the ownership check refuses. */
function writeBeforeAuthorizing(ctx: ActionContext): void {
  const { tokenId } = ctx.body;
  const target = typeof tokenId === "string" ? ctx.state.sessions.find(tokenId, { touch: false }) : undefined;
  if (!target) return;
  const properties = ctx.state.propertiesOf(target);
  for (const [name, value] of Object.entries(ctx.body))
    if (typeof value === "string" && isSettable(ctx, name) && withinBounds(ctx, name, value)) properties.set(name, value);
}

// Stryker restore all

/** A name as a message may quote it: the first 64 characters. */
// Stryker disable next-line all: message wording (how much of a name an error quotes).
const shown = (name: string) => (name.length > 64 ? `${name.slice(0, 64)}…` : name);

// Stryker disable all: the exact-keys variant's rule, see updateSessionProperties.
const settable = (ctx: ActionContext) => ctx.state.settings.allowList.filter((name) => !PROTECTED_PROPERTIES.has(name));

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name) => b.includes(name));
}
