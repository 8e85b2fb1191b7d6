import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { controlmMock } from "../mocks/controlm/index.ts";
import { runAgainstMock } from "../proof/run-suites.ts";
import { loadSuitesOrThrow } from "../scenario/load.ts";

const SUITE = `vendor: controlm
service: session
scenarios:
  - name: a server that hangs fails the step, located, and the run goes on
    covers: [CTM-S-03]
    steps:
      - login: {}
      - request: { method: GET, path: /__sessionprobe/hang, query: { ms: "3000" } }
        timeout: 300ms
  - name: the next scenario still runs
    covers: [CTM-S-01]
    steps:
      - login: {}
        expect: { status: 200 }
`;

test("a hanging server fails its step with the YAML location and the timeout; teardown still closes the session; the run goes on", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sp-located-"));
  const file = join(dir, "hang.yaml");
  writeFileSync(file, SUITE);
  const started = performance.now();
  const [hung, next] = await runAgainstMock({ mock: controlmMock, suites: loadSuitesOrThrow([file]) });
  expect(performance.now() - started).toBeLessThan(2_500);
  expect(hung?.outcome).toBe("failed");
  expect(hung?.error).toMatch(/^\[controlm\] step 2 "request GET \/__sessionprobe\/hang" \(.*hang\.yaml:8:9\): GET \/__sessionprobe\/hang\?ms=3000: no complete answer from http:\/\/127\.0\.0\.1:\d+ within 300 ms/);
  expect(hung?.leftOpen).toBe(0);
  expect(next?.outcome).toBe("passed");
});
