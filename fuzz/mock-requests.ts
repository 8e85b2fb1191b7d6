import fc from "fast-check";
import { CONTROL_PREFIX } from "../src/mock-kit/control-plane.ts";
import { createMockHost, type MockHost } from "../src/mock-kit/host.ts";
import type { VendorMock } from "../src/vendor-api/mock.ts";

/**
 * Arbitrary requests to every route of a mock and to its control plane, sent in-process
 * (app.request: no socket at all, so nothing leaves the machine): no 5xx, no request
 * hanging, the mock healthy afterwards, the journal bounded.
 */
export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

export interface MockFuzzResult {
  tried: number;
  byVendor: Record<string, number>;
  /** Exact requests answered with a 5xx: "vendor: METHOD path (headers) body → status". */
  serverErrors: string[];
  hangs: string[];
  unhealthy: string[];
  /** Largest journal read seen, bytes. */
  journalBytes: number;
  /** Heap a mock holds after its fuzz, over what it held before (MB), where the caller can measure the heap after a full GC. */
  retainedMb: Record<string, number>;
  ms: number;
}

const ACTIONS = [
  "logout",
  "validate",
  "getSessionInfo",
  "getSessionInfoAndResetIdleTime",
  "refresh",
  "updateSessionProperties",
  "getSessionProperties",
  "getProperty",
  "logoutByHandle",
  "getIdle",
  "getMaxIdle",
  "getTimeLeft",
  "isActive",
  "getMaxSessionTime",
  "__proto__",
  "constructor",
];
const TYPES = [
  "application/json",
  "application/xml",
  "application/vnd.ibm.powervm.web+xml; type=LogonRequest",
  "application/x-www-form-urlencoded",
  "text/plain",
  "multipart/form-data; boundary=x",
  "application/json; charset=utf-16",
  "garbage/\u00ff",
  "",
];

const segment = fc.oneof(
  fc.constantFrom("..", "%2e%2e", "%00", "%ff", "%", "a%2Fb", "constructor", "__proto__", "~", "", "x".repeat(5000)),
  fc.string({ maxLength: 30 }).map(encodeURIComponent),
);

const xmlBomb = `<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><LogonRequest><UserID>&d;</UserID></LogonRequest>`;
const xxe = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><LogonRequest xmlns="http://www.ibm.com/xmlns/systems/power/firmware/web/mc/2012_10/"><UserID>&e;</UserID><Password>p</Password></LogonRequest>`;

const body: fc.Arbitrary<string | Uint8Array | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc
    .dictionary(
      fc.constantFrom(
        "username",
        "password",
        "name",
        "tokenName",
        "tokenType",
        "expirationDate",
        "newPassword",
        "tokenId",
        "properties",
        "ms",
        "by",
        "defects",
        "j_username",
        "j_password",
      ),
      fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.constant({ toString: 1 })),
    )
    .map((v) => JSON.stringify(v)),
  fc.integer({ min: 1, max: 20_000 }).map((n) => "[".repeat(n)),
  fc.integer({ min: 1, max: 2_000 }).map((n) => `${'{"a":'.repeat(n)}1${"}".repeat(n)}`),
  fc.constantFrom(
    xmlBomb,
    xxe,
    "<LogonRequest>",
    "<a><b></a>",
    "j_username=admin&j_password=%ff%fe",
    "\u0000\u0001",
    "null",
    "1e999",
    '{"ms":1e300}',
    '{"by":"99999999999999999999d"}',
  ),
  fc.uint8Array({ maxLength: 64 }),
  fc.integer({ min: 100_000, max: 900_000 }).map((n) => JSON.stringify({ name: "n".repeat(n), value: "v" })),
);

const headers = fc.record(
  {
    "content-type": fc.constantFrom(...TYPES),
    cookie: fc.oneof(
      fc.constantFrom("JSESSIONID=;", "JSESSIONID=x; JSESSIONID=y", "iPlanetDirectoryPro=%ff", "=;=;=", `JSESSIONID=${"z".repeat(4000)}`),
      fc.string({ maxLength: 40 }).map((s) => `a=${encodeURIComponent(s)}`),
    ),
    authorization: fc.constantFrom("Bearer ", "Bearer x", "Basic %%%", "Bearer constructor"),
    "x-api-key": fc.string({ maxLength: 40 }).map(encodeURIComponent),
    "x-api-session": fc.string({ maxLength: 40 }).map(encodeURIComponent),
    "x-xsrf-token": fc.string({ maxLength: 40 }).map(encodeURIComponent),
    iplanetdirectorypro: fc.string({ maxLength: 40 }).map(encodeURIComponent),
    "x-openam-username": fc.constantFrom("demo", "amadmin", "", "constructor"),
    "x-openam-password": fc.constantFrom("Ch4ng31t", "", "x"),
    "accept-api-version": fc.constantFrom("resource=2.1", "resource=4.0, protocol=1.0", "garbage", "resource=9999999999999999999"),
    host: fc.constantFrom("evil.example", "127.0.0.1:1", "[::1]"),
  },
  { requiredKeys: [] },
);

/** A path for one of the mock's routes, with its parameters and wildcards filled with hostile segments. */
function pathFor(route: string, fill: string[], query: [string, string][]): string {
  let i = 0;
  const next = () => fill[i++ % fill.length] ?? "x";
  const path = route.replace(/:[A-Za-z]+/g, next).replace(/\*/g, () => [next(), next()].join("/"));
  const q = query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
  return `${path}${q ? `?${q}` : ""}`;
}

const CONTROL_ROUTES = [
  "GET /",
  "GET /clock",
  "POST /clock/advance",
  "GET /sessions",
  "GET /journal",
  "GET /unmodelled",
  "GET /issued",
  "GET /defects",
  "PUT /defects",
  "POST /reset",
  "GET /hang",
];

const controlBody = fc.oneof(
  fc
    .record({ ms: fc.oneof(fc.double(), fc.constantFrom(1e300, -1, Number.MAX_VALUE, 0, 1000, 3.2e11)) }, { requiredKeys: [] })
    .map((b) => JSON.stringify(b)),
  fc
    .record({ by: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("30m", "0s", "99999999999999999999999d", "1e3d")) })
    .map((b) => JSON.stringify(b)),
  fc
    .oneof(
      fc.constant({ defects: [{ toString: 1 }] }),
      fc.constant({ defects: "all" }),
      fc.record({
        defects: fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.constant({ valueOf: 1 })), { maxLength: 4 }),
      }),
    )
    .map((b) => JSON.stringify(b)),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.constantFrom("", "{", "[".repeat(10_000)),
);

/** Requests to this mock: its own routes (and some it lacks), and its control plane. */
export function requestsFor(vendor: VendorMock, host: MockHost): fc.Arbitrary<FuzzRequest> {
  const routes = [...new Set(host.instance.app.routes.map((r) => `${r.method} ${r.path}`))];
  const extra =
    vendor.id === "openam"
      ? [
          "POST /am/json/realms/root/authenticate",
          "POST /am/json/realms/root/sessions",
          "GET /am/json/realms/root/sessions",
          "POST /am/json/sessions",
          "GET /am/json/realms/root/users/demo",
        ]
      : [];
  const vendorRequest = fc
    .record({
      route: fc.constantFrom(...routes, ...extra),
      method: fc.option(fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "PROPFIND"), { nil: undefined }),
      fill: fc.array(segment, { minLength: 1, maxLength: 3 }),
      query: fc.array(
        fc.tuple(
          fc.constantFrom("_action", "_queryFilter", "nocache", "tokenId", "_fields", "x"),
          fc.oneof(fc.constantFrom(...ACTIONS), fc.string({ maxLength: 20 })),
        ),
        { maxLength: 3 },
      ),
      headers,
      body,
    })
    .map(({ route, method, fill, query, headers: h, body: b }): FuzzRequest => {
      const [routeMethod, path] = route.split(" ") as [string, string];
      const m = method ?? (routeMethod === "ALL" ? "POST" : routeMethod);
      return {
        method: m,
        path: pathFor(path, fill, query),
        headers: h,
        ...(b === undefined || m === "GET" || m === "HEAD" ? {} : { body: b }),
      };
    });
  const controlRequest = fc
    .record({
      route: fc.constantFrom(...CONTROL_ROUTES),
      hang: fc.constantFrom("-1", "abc", "1e300", "NaN", "0", "1", "120001", "99999999", "", "5"),
      body: controlBody,
    })
    .map(({ route, hang, body: b }): FuzzRequest => {
      const [method, path] = route.split(" ") as [string, string];
      const full = `${CONTROL_PREFIX}${path === "/" ? "" : path}${path === "/hang" ? `?ms=${hang}` : ""}`;
      return { method, path: full, headers: { "content-type": "application/json" }, ...(method === "GET" ? {} : { body: b }) };
    });
  return fc.oneof({ arbitrary: vendorRequest, weight: 4 }, { arbitrary: controlRequest, weight: 1 });
}

function describe(vendor: string, r: FuzzRequest): string {
  const b =
    r.body === undefined
      ? ""
      : typeof r.body === "string"
        ? ` body ${JSON.stringify(r.body.slice(0, 120))}${r.body.length > 120 ? `…(${r.body.length})` : ""}`
        : ` body bytes [${[...r.body.slice(0, 16)].join(",")}]`;
  const h = JSON.stringify(
    Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, v.length > 60 ? `${v.slice(0, 60)}…(${v.length})` : v])),
  );
  return `${vendor}: ${r.method} ${r.path.slice(0, 200)}${r.path.length > 200 ? "…" : ""} headers ${h}${b}`;
}

const REQUEST_BOUND_MS = 3_000;

/** 5xx answers the vendor documents, with where: anything else from a mock is a finding. */
export const DOCUMENTED_5XX: Record<string, { status: number; evidence: string }[]> = {
  openam: [
    {
      status: 501,
      evidence: "wire-notes-vmanage-openam.md: Unknown `_action`: 501 Not Supported (and CREST's 501 for create on /sessions)",
    },
  ],
};

async function send(host: MockHost, r: FuzzRequest): Promise<number | "hang"> {
  const init: RequestInit = { method: r.method, headers: r.headers };
  if (r.body !== undefined) init.body = r.body;
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<"hang">((resolve) => {
    timer = setTimeout(() => resolve("hang"), REQUEST_BOUND_MS);
  });
  const answered = Promise.resolve(host.app.request(r.path, init)).then(async (res) => {
    await res.arrayBuffer();
    return res.status;
  });
  try {
    return await Promise.race([answered, bound]);
  } finally {
    clearTimeout(timer);
  }
}

/** A request with no body to each route: before the fuzz, after it (< 500) and after a reset (the same statuses as before). */
async function probeStatuses(host: MockHost): Promise<Record<string, number | "hang">> {
  const out: Record<string, number | "hang"> = {};
  for (const route of new Set(
    host.instance.app.routes.map(
      (r) => `${r.method === "ALL" ? "GET" : r.method} ${r.path.replace(/:[A-Za-z]+/g, "probe").replace(/\*/g, "probe")}`,
    ),
  )) {
    const [method, path] = route.split(" ") as [string, string];
    out[route] = await send(host, { method, path, headers: {} });
  }
  out["GET control /clock"] = await send(host, { method: "GET", path: `${CONTROL_PREFIX}/clock`, headers: {} });
  return out;
}

export async function mockProperty(options: {
  seed: number;
  runs: number;
  vendors: readonly VendorMock[];
  /** Bytes of heap in use after a full collection (`npm run fuzz` has one); without it nothing is retained-measured. */
  heapBytes?: () => number;
}): Promise<MockFuzzResult> {
  const started = performance.now();
  const result: MockFuzzResult = {
    tried: 0,
    byVendor: {},
    serverErrors: [],
    hangs: [],
    unhealthy: [],
    journalBytes: 0,
    retainedMb: {},
    ms: 0,
  };
  for (const vendor of options.vendors) {
    const heapBefore = options.heapBytes?.();
    const host = createMockHost(vendor);
    const baseline = await probeStatuses(host);
    let requests = fc.sample(requestsFor(vendor, host), { seed: options.seed, numRuns: options.runs });
    for (const r of requests) {
      result.tried++;
      result.byVendor[vendor.id] = (result.byVendor[vendor.id] ?? 0) + 1;
      let status: number | "hang";
      try {
        status = await send(host, r);
      } catch (error) {
        result.serverErrors.push(`${describe(vendor.id, r)} → threw ${(error as Error).message}`);
        continue;
      }
      if (status === "hang") result.hangs.push(describe(vendor.id, r));
      else if (status >= 500 && !DOCUMENTED_5XX[vendor.id]?.some((d) => d.status === status))
        result.serverErrors.push(`${describe(vendor.id, r)} → ${status}`);
    }
    const journal = await host.app.request(`${CONTROL_PREFIX}/journal`);
    result.journalBytes = Math.max(result.journalBytes, (await journal.text()).length);
    // The inputs let go, the host still referenced: what it retains of the fuzz is in this figure.
    requests = [];
    if (heapBefore !== undefined && options.heapBytes)
      result.retainedMb[vendor.id] = Math.round(((options.heapBytes() - heapBefore) / 1048576) * 10) / 10;
    const during = await probeStatuses(host);
    for (const [route, status] of Object.entries(during))
      if (status === "hang" || status >= 500) result.unhealthy.push(`${vendor.id}: ${route} → ${status} after the fuzz`);
    await host.app.request(`${CONTROL_PREFIX}/reset`, { method: "POST" });
    await host.app.request(`${CONTROL_PREFIX}/defects`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: '{"defects":[]}',
    });
    const after = await probeStatuses(host);
    for (const [route, status] of Object.entries(after))
      if (status !== baseline[route])
        result.unhealthy.push(`${vendor.id}: ${route} → ${status} after reset, ${baseline[route]} before the fuzz`);
  }
  result.ms = performance.now() - started;
  return result;
}

export function summariseMocks(r: MockFuzzResult): string {
  const per = Object.entries(r.byVendor)
    .map(([v, n]) => `${v} ${n}`)
    .join(", ");
  const retained = Object.entries(r.retainedMb)
    .map(([v, mb]) => `${v} ${mb} MB`)
    .join(", ");
  return `mocks: ${r.tried} requests (${per}), 5xx ${r.serverErrors.length}, hangs ${r.hangs.length}, unhealthy ${r.unhealthy.length}, largest journal read ${r.journalBytes.toLocaleString("en")} bytes${retained ? `, retained after the fuzz ${retained}` : ""}, ${Math.round(r.ms)} ms`;
}
