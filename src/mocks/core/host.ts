import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { AdjustableClock, type Clock, frozenClock } from "../../time/clock.ts";
import { CONTROL_PREFIX, controlPlane } from "./control-plane.ts";
import { IssuedSecrets } from "./issued.ts";
import { Journal } from "./journal.ts";
import { isUnmodelled } from "./unmodelled.ts";
import type { MockConfig, MockInstance, VendorMock } from "./types.ts";

export interface MockHostOptions {
  /** What the mock's clock runs on: frozen (default, in-process runs) or the system clock (standalone). */
  baseClock?: Clock;
  idleMs?: number | undefined;
  lifetimeMs?: number | undefined;
  options?: Record<string, string>;
  defects?: readonly string[];
  /**
   * Serve every credential the mock minted at `/__sessionprobe/issued`, for leak proofs
   * (standalone mocks). The mock records them where it creates them, never by reading
   * its own responses with the redactor's rules.
   */
  recordIssued?: boolean;
}

export interface MockHost {
  vendor: VendorMock;
  app: Hono;
  clock: AdjustableClock;
  instance: MockInstance;
  config: MockConfig;
  activeDefects: Set<string>;
  journal: Journal;
  issued: IssuedSecrets;
}

const MAX_REQUEST_BYTES = 1024 * 1024;

/** The journal's time stamp: a clock moved by code past Date's range must not turn every answer into a 500 (toISOString throws). */
function stamp(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? `invalid clock (${ms} ms)` : date.toISOString();
}

/** One vendor mock with its control plane, journal and clock, ready to be served or called in-process. */
export function createMockHost(vendor: VendorMock, options: MockHostOptions = {}): MockHost {
  const unknownDefects = (options.defects ?? []).filter((d) => !vendor.defects.some((known) => known.name === d));
  if (unknownDefects.length) {
    throw new Error(
      `unknown defect(s) for ${vendor.id}: ${unknownDefects.join(", ")}; known: ${vendor.defects.map((d) => d.name).join(", ")}`,
    );
  }
  const unknownOptions = Object.keys(options.options ?? {}).filter((name) => !(name in vendor.optionHelp));
  if (unknownOptions.length) {
    throw new Error(
      `unknown option(s) for the ${vendor.id} mock: ${unknownOptions.join(", ")}; known: ${Object.keys(vendor.optionHelp).join(", ") || "none"}`,
    );
  }
  const clock = new AdjustableClock(options.baseClock ?? frozenClock());
  const activeDefects = new Set(options.defects ?? []);
  const config: MockConfig = {
    idleMs: "idleMs" in options ? options.idleMs : vendor.defaults.idleMs,
    lifetimeMs: "lifetimeMs" in options ? options.lifetimeMs : vendor.defaults.lifetimeMs,
    options: { ...vendor.defaults.options, ...options.options },
  };
  const journal = new Journal();
  const issued = new IssuedSecrets();
  const instance = vendor.create({
    clock,
    config,
    defect: (name) => activeDefects.has(name),
    issued: (value) => {
      if (options.recordIssued) issued.add(value);
    },
  });

  const app = new Hono();
  app.use("*", async (c, next) => {
    // The mock's own notion of now, so cookie expiry is judged on the mock's clock. Set
    // before the handler: setting it afterwards would copy every response.
    c.header("Date", new Date(clock.now()).toUTCString());
    await next();
    if (!c.req.path.startsWith(CONTROL_PREFIX)) {
      const entry = { at: stamp(clock.now()), method: c.req.method, path: c.req.path, status: c.res.status };
      journal.record(isUnmodelled(c) ? { ...entry, unmodelled: true } : entry);
    }
  });
  // A declared Content-Length is checked from the header; only a chunked body (no length)
  // needs the streaming limit, which would otherwise double the cost of every request.
  const streamingLimit = bodyLimit({ maxSize: MAX_REQUEST_BYTES, onError: (c) => c.text("request body larger than 1 MiB refused", 413) });
  app.use("*", async (c, next) => {
    const length = c.req.header("content-length");
    if (length !== undefined) return Number(length) > MAX_REQUEST_BYTES ? c.text("request body larger than 1 MiB refused", 413) : next();
    return c.req.header("transfer-encoding") ? streamingLimit(c, next) : next();
  });
  app.route(
    CONTROL_PREFIX,
    controlPlane({ clock, instance, defects: vendor.defects, active: activeDefects, journal, issued, vendor: vendor.id }),
  );
  app.route("/", instance.app);
  return { vendor, app, clock, instance, config, activeDefects, journal, issued };
}
