import type { Context, NotFoundHandler } from "hono";
import type { DocumentedAbsence, MockInstance } from "../vendor-api/mock.ts";

/**
 * Requests that matched no modelled route (msw's onUnhandledRequest: "error", for our
 * mocks). A vendor-style 404 alone would let a mistyped driver URL pass a step that
 * expects 404, so the host's fallback marks every request no route answers, and the host
 * journals it as unmodelled; the in-process runs and the conformance fixture fail such a
 * scenario as a harness error. Failing is the default: a route the mock forgot is caught
 * without its author remembering to say so. A route the vendor documents as absent is
 * declared (`MockInstance.documentedAbsent`) and is an answer, not a gap.
 */
const unmodelledRequests = new WeakSet<Request>();

export function markUnmodelled(c: Context): void {
  unmodelledRequests.add(c.req.raw);
}

/** Was this request (the one the host handed to the router) marked by the fallback? */
export function isUnmodelled(request: Request): boolean {
  return unmodelledRequests.has(request);
}

/** Hono's own answer when a vendor has no notFound of its own. */
const plainNotFound: NotFoundHandler = (c) => c.text("404 Not Found", 404);

/** Does this request match a declared absence (method, and the path without its query)? */
export function isDocumentedAbsent(absent: readonly DocumentedAbsence[], method: string, path: string): boolean {
  return absent.some((a) => (a.method === "*" || a.method === method) && a.path.split("?")[0] === path);
}

/**
 * The router's fallback: every request no route answers (an unknown path, a method no
 * route of a known path takes, a route that declines with `c.notFound()`) is marked
 * unmodelled unless the vendor documents it as absent, then answered with the vendor's
 * own not-found document. Hono does not tell a wrong method from a wrong path: both land
 * here, and the vendor's notFound picks a 404 or a 405.
 */
export function unmodelledFallback(instance: MockInstance): NotFoundHandler {
  const answer = instance.notFound ?? plainNotFound;
  const absent = instance.documentedAbsent ?? [];
  return (c) => {
    if (!absent.length || !isDocumentedAbsent(absent, c.req.method, c.req.path)) markUnmodelled(c);
    return answer(c);
  };
}
