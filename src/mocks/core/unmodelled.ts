import type { Context } from "hono";

/**
 * Requests that matched no modelled route (msw's onUnhandledRequest, for our mocks).
 * A vendor-style 404 alone would let a mistyped driver URL pass a step that expects
 * 404, so each mock's catch-all marks the request here and the host journals it as
 * unmodelled; the in-process runs and the conformance fixture fail such a scenario as
 * a harness error. A route the vendor documents as absent answers its 404 without
 * calling this.
 */
const unmodelledRequests = new WeakSet<Request>();

export function markUnmodelled(c: Context): void {
  unmodelledRequests.add(c.req.raw);
}

/** Was this request (the one the host handed to the router) marked by a catch-all? */
export function isUnmodelled(request: Request): boolean {
  return unmodelledRequests.has(request);
}
