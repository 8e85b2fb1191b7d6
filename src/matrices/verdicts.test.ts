import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { Hono } from "hono";
import type { VendorDriver } from "../vendor-api/driver.ts";
import { findDriver } from "../vendors/registry.ts";
import { controlmMock } from "../vendors/controlm/mock/index.ts";
import type { VendorMock } from "../vendor-api/mock.ts";
import { loadSuitesOrThrow } from "../scenario/load.ts";
import { defectMatrix } from "./defect-matrix.ts";
import { MockRun } from "../in-process/mock-run.ts";
import { runAgainstMock } from "../in-process/run-suites.ts";
import "../../test-support/drivers.ts";

/** Verdicts that mean what they say: each of these passed (wrongly) before its rule existed. */
function suiteFile(body: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "sp-verdicts-")), "verdicts.yaml");
  writeFileSync(file, `vendor: controlm\nservice: session\nscenarios:\n${body}`);
  return file;
}

const controlm = findDriver("controlm") as VendorDriver;

test("a defect run that ends in a transport failure is a harness error of the matrix, never a catch", async () => {
  // A defect that resets every vendor connection: the covering scenario fails, but not on an assertion.
  const faulty: VendorMock = {
    ...controlmMock,
    defects: [{ name: "reset-every-connection", breaks: ["CTM-S-01"], description: "injected transport fault" }],
    create(context) {
      const instance = controlmMock.create(context);
      const app = new Hono();
      app.use("*", async (c, next) => {
        if (!context.defect("reset-every-connection")) return next();
        // The socket under the request, closed without an answer: a reset as the client sees it.
        (c.env as { incoming: { socket: { destroy(): void } } }).incoming.socket.destroy();
        return new Response(null, { status: 204 });
      });
      app.route("/", instance.app);
      return { ...instance, app };
    },
  };
  const suites = loadSuitesOrThrow([
    suiteFile("  - name: login works\n    covers: [CTM-S-01]\n    steps:\n      - login: {}\n        expect: { status: 200 }\n"),
  ]);
  const result = await defectMatrix(faulty, suites, undefined, { wire: true });
  const [verdict] = result.defects;
  expect(verdict?.caught).toBe(false);
  expect(verdict?.erroredBy.map((v) => v.failureKind)).toEqual(["transport"]);
});

test("a request no mock route models fails as a harness error, even when the step expected the vendor's 404", async () => {
  const suites = loadSuitesOrThrow([
    suiteFile(
      "  - name: a mistyped path looks like a 404\n    covers: [CTM-S-04]\n    steps:\n      - request: { method: GET, path: /sessoin/no-such-route }\n        expect: { status: [404, 401] }\n",
    ),
  ]);
  const [verdict] = await runAgainstMock({ mock: controlmMock, suites });
  expect(verdict?.outcome).toBe("failed");
  expect(verdict?.failureKind).toBe("harness");
  expect(verdict?.error).toMatch(/no route of the controlm mock models: GET .*\/sessoin\/no-such-route/);
});

test("session: invalid needs the driver's unauthenticated verdict: a probe answering 5xx fails the step", async () => {
  const suites = loadSuitesOrThrow([
    suiteFile(
      "  - name: logout then invalid\n    covers: [CTM-S-07]\n    steps:\n      - login: {}\n      - logout: {}\n        expect: { session: invalid }\n",
    ),
  ]);
  const run = await MockRun.start(controlmMock);
  try {
    const [{ suite, loaded }] = run.scenarios(suites) as [
      { suite: (typeof suites)[number]; loaded: (typeof suites)[number]["scenarios"][number] },
    ];
    expect((await run.run(suite, loaded)).error).toBeUndefined();
    // The same probe, seen as a server error: before, any verdict but ok counted as "invalid".
    const erroring: VendorDriver = {
      ...controlm,
      classify: (exchange) => (exchange.request.url.includes("/config/servers") ? "error" : controlm.classify(exchange)),
    };
    const broken = await run.run(suite, loaded, { driver: erroring });
    expect(broken.failure?.kind).toBe("expectation");
    expect(broken.error).toMatch(/expected invalid \(the server's unauthenticated answer\), but the probe \(config-servers\) says error/);
  } finally {
    await run.stop();
  }
});

test("a session whose login was refused holds no credential: session: invalid is a configuration error, not a pass", async () => {
  const suites = loadSuitesOrThrow([
    suiteFile(
      '  - name: refused then invalid\n    covers: [CTM-S-02]\n    steps:\n      - login: { password: "wrong-${random}" }\n        expect: { status: 401, session: invalid }\n',
    ),
  ]);
  const [verdict] = await runAgainstMock({ mock: controlmMock, suites });
  expect(verdict?.failureKind).toBe("configuration");
  expect(verdict?.error).toMatch(/holds no credential .* cannot prove it invalid/);
});

test("the documented timeout is the oracle: a mock whose default drifted from 30 to 45 minutes fails", async () => {
  const suites = loadSuitesOrThrow([
    suiteFile(
      "  - name: refused just past 30 minutes\n    covers: [CTM-S-05]\n    steps:\n      - login: {}\n      - expire: { absolute: past }\n      - use: config-servers\n        expect: { status: 401 }\n",
    ),
  ]);
  const [clean] = await runAgainstMock({ mock: controlmMock, suites });
  expect(clean?.outcome).toBe("passed");
  const drifted: VendorMock = { ...controlmMock, defaults: { ...controlmMock.defaults, lifetimeMs: 45 * 60_000 } };
  const [verdict] = await runAgainstMock({ mock: drifted, suites });
  expect(verdict?.outcome).toBe("failed");
  expect(verdict?.failureKind).toBe("expectation");
});
