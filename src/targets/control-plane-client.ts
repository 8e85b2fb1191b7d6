import type { Transport } from "../http/transport.ts";

/**
 * The questions the harness asks a sessionprobe mock's control plane (`…/__sessionprobe`),
 * in one place: the fixture, the in-process runs and the end-of-run summary all ask them
 * the same way. Real vendors have no control plane; a target without `controlUrl` is never asked.
 */

/** Sessions the mock still holds, or undefined when it did not say (an answer without a count). */
export async function openSessionCount(transport: Transport, controlUrl: string): Promise<number | undefined> {
  const exchange = await transport.send({ method: "GET", url: `${controlUrl}/sessions`, headers: {} }, "sessions");
  const open = (exchange.response.parsed as { open?: unknown } | undefined)?.open;
  return typeof open === "number" ? open : undefined;
}

/** Requests since the last reset that matched no modelled route, as `METHOD path`. */
export async function unmodelledRequests(transport: Transport, controlUrl: string): Promise<string[]> {
  const exchange = await transport.send({ method: "GET", url: `${controlUrl}/unmodelled`, headers: {} }, "journal");
  const entries = (exchange.response.parsed as { entries?: { method: string; path: string }[] } | undefined)?.entries ?? [];
  return entries.map((e) => `${e.method} ${e.path}`);
}
