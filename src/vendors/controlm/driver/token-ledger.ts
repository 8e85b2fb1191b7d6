import type { Exchange, HttpRequest } from "../../../http/exchange.ts";
import { type DriverContext, jsonRequest, type Session } from "../../../vendor-api/driver.ts";

/**
 * API tokens a scenario created, kept on the session that created them
 * (`session.state.createdTokens`, a JSON array of names) so that logout — an
 * explicit `logout:` step or the engine's teardown — deletes them first: the
 * engine's teardown only logs sessions out, and a conformance run must never
 * leave credentials behind on a shared server.
 */
const KEY = "createdTokens";

export function createdTokens(session: Session): string[] {
  const raw = session.state[KEY];
  if (!raw) return [];
  const parsed: unknown = JSON.parse(raw);
  return Array.isArray(parsed) ? parsed.filter((n): n is string => typeof n === "string") : [];
}

function store(session: Session, names: string[]): void {
  if (names.length) session.state[KEY] = JSON.stringify(names);
  else delete session.state[KEY];
}

/** Once per successful create: a server that allows duplicate names gets both deleted. */
export function trackCreated(session: Session, name: string): void {
  store(session, [...createdTokens(session), name]);
}

/** One entry fewer (explicit delete, 200 or 404), or a rename the server accepted. */
export function untrack(session: Session, name: string, renamedTo?: string): void {
  const names = createdTokens(session);
  const at = names.indexOf(name);
  if (at < 0) return;
  if (renamedTo === undefined) names.splice(at, 1);
  else names[at] = renamedTo;
  store(session, names);
}

export function isApiKeySession(session: Session): boolean {
  return !session.state.token && !!session.state.apiKey;
}

/**
 * Annotation headers (CTM-A-13). Their real names are not public, so a target declares
 * them (`annotationSubjectHeader` / `annotationDescriptionHeader`, the mock's `--set`
 * names), and with `annotation: on` every changing call (create, update, delete, the
 * teardown's deletes) is annotated. A step's `annotation: { subject, description }` or
 * `annotation: none` wins.
 */
export function annotationHeaders(ctx: DriverContext, arg: unknown, purpose: string): Record<string, string> {
  const { options } = ctx.target;
  const subjectHeader = String(options.annotationSubjectHeader ?? "Annotation-Subject");
  const descriptionHeader = String(options.annotationDescriptionHeader ?? "Annotation-Description");
  if (arg === "none") return {};
  if (arg && typeof arg === "object") {
    const { subject, description } = arg as Record<string, unknown>;
    const headers: Record<string, string> = {};
    if (subject !== undefined) headers[subjectHeader] = String(subject);
    if (description !== undefined) headers[descriptionHeader] = String(description);
    return headers;
  }
  if (arg !== undefined) throw new Error(`annotation must be none or { subject, description }, not ${JSON.stringify(arg)}`);
  return options.annotation === "on" ? { [subjectHeader]: "sessionprobe", [descriptionHeader]: purpose } : {};
}

/** A token-service request carrying the session's credential (Bearer or x-api-key). */
export function tokenRequest(ctx: DriverContext, session: Session | undefined, method: string, path: string, body?: unknown): HttpRequest {
  const request = jsonRequest(ctx, method, path, body);
  const headers = { ...request.headers };
  if (session?.state.token) headers.authorization = `Bearer ${session.state.token}`;
  else if (session?.state.apiKey) headers["x-api-key"] = session.state.apiKey;
  return { ...request, headers };
}

export function tokenPath(name: string): string {
  return `/authentication/token/${encodeURIComponent(name)}`;
}

/**
 * Deletes every token the session created. 404 counts as gone (deleted through
 * another session, or never there); any other refusal keeps the name listed.
 */
export async function deleteCreated(ctx: DriverContext, session: Session): Promise<{ exchanges: Exchange[]; failed: Exchange[] }> {
  const exchanges: Exchange[] = [];
  const failed: Exchange[] = [];
  for (const name of createdTokens(session)) {
    const request = tokenRequest(ctx, session, "DELETE", tokenPath(name));
    Object.assign(request.headers, annotationHeaders(ctx, undefined, "sessionprobe teardown: delete a token the run created"));
    const exchange = await ctx.send(request, { label: `delete created token ${name}`, session });
    exchanges.push(exchange);
    const { status } = exchange.response;
    if ((status >= 200 && status < 300) || status === 404) untrack(session, name);
    else failed.push(exchange);
  }
  return { exchanges, failed };
}
