import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { vmanageMock } from "../vendors/vmanage/mock/index.ts";
import { runAgainstMock } from "../in-process/run-suites.ts";
import { loadSuitesOrThrow } from "../scenario/load.ts";
import "../../test-support/drivers.ts";

const SUITE = `vendor: vmanage
service: session
scenarios:
  - name: a server that hangs fails the step, located, and the run goes on
    covers: [VM-05]
    steps:
      - login: {}
      - request: { method: GET, path: /__sessionprobe/hang, query: { ms: "10000" } }
        timeout: 300ms
  - name: the next scenario still runs
    covers: [VM-01]
    steps:
      - login: {}
        expect: { status: 200 }
`;

test("a hanging server fails its step with the YAML location and the timeout; teardown still closes the session; the run goes on", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sp-located-"));
  const file = join(dir, "hang.yaml");
  writeFileSync(file, SUITE);
  const started = performance.now();
  const [hung, next] = await runAgainstMock({ mock: vmanageMock, suites: loadSuitesOrThrow([file]) });
  expect(performance.now() - started).toBeLessThan(6_000);
  expect(hung?.outcome).toBe("failed");
  expect(hung?.error).toMatch(
    /^\[vmanage\] step 2 "request GET \/__sessionprobe\/hang" \(.*hang\.yaml:8:9\): GET \/__sessionprobe\/hang\?ms=10000: no complete answer from http:\/\/127\.0\.0\.1:\d+ within 300 ms/,
  );
  expect(hung?.leftOpen).toBe(0);
  expect(next?.outcome).toBe("passed");
});
