import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
// Playwright's own driver (playwright-core's chromium) launching Debian's Chromium: no browser is downloaded.
import { chromium, expect, test } from "@playwright/test";
import { junitSchemaErrors } from "../../src/report/junit-schema.ts";
import { runCli, runPlaywrightTest, type StandaloneMock, startStandaloneMock } from "./support/processes.ts";
import { statementDisagreements } from "./support/statement-check.ts";

/**
 * Release sign-off from the reports alone, against a standalone mock used as a real target (the
 * deviations live in a targets file, which the built-in mocks have none of): the HTML report of a
 * failing run says the verdict and the gate, the statement agrees with summary.json, and known
 * deviations are strict — a waived failure passes the run, a waived id that passes or a waiver past
 * its date fails it, and a merge of shards keeps them.
 */
test.describe.configure({ mode: "serial" });

const CHROMIUM = "/usr/bin/chromium";
const dir = mkdtempSync(join(tmpdir(), "sp-signoff-"));
const ENV = {
  CTM_USER: "emuser",
  CTM_PASSWORD: "empass-1234",
  CTM_APIKEY: "ctm-seeded-api-token-emuser-public-0001",
  CTM_OTHER: "opsuser",
  CTM_OTHER_PASSWORD: "opspass-5678",
  SESSIONPROBE_WORKERS: "1",
};
/** A login scenario covering two ids (one tree entry all the same), the no-token one, and logout (CTM-S-07, broken by the defect). */
const GREP = ["--grep", "CTM-S-01 CTM-S-11 login|CTM-S-04 |CTM-S-07 logout"];

interface Summary {
  verdict: { exitCode: number; meaning: string };
  headline: { verdict: string; title: string };
  deviations: { id: string; ticket: string; state: string }[];
  services: { ids: { failed: string[]; deviations: string[] } }[];
  scenarios: { title: string; status: string; deviation?: string }[];
}
const read = <T>(reports: string, file: string) => JSON.parse(readFileSync(join(reports, file), "utf8")) as T;

function targetsFile(name: string, mock: StandaloneMock, deviations = ""): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    `targets:
  - name: staging
    vendor: controlm
    baseUrl: ${mock.baseUrl}/automation-api
    controlPlane: true
    credentials: { username: "\${env:CTM_USER}", password: "\${env:CTM_PASSWORD}", apiKey: "\${env:CTM_APIKEY}" }
    users:
      other: { username: "\${env:CTM_OTHER}", password: "\${env:CTM_OTHER_PASSWORD}" }
    expiry: skip
${deviations}`,
  );
  return file;
}
const deviation = (until: string) => `    deviations:
      - { id: CTM-S-07, reason: "logout keeps the token (vendor case 0042)", ticket: ABC-123, until: ${until} }
`;

let broken: StandaloneMock;
let clean: StandaloneMock;
test.beforeAll(async () => {
  [broken, clean] = await Promise.all([
    startStandaloneMock(["controlm", "--port", "0", "--defect", "logout-keeps-token"]),
    startStandaloneMock(["controlm", "--port", "0"]),
  ]);
});
test.afterAll(async () => {
  await Promise.all([broken?.stop(), clean?.stop()]);
});

test("a failing run's HTML report says the verdict above the fold and the gate in Quality Gates, one tree entry per scenario; the statement agrees with summary.json", async () => {
  test.setTimeout(240_000);
  const reports = join(dir, "failing");
  const run = await runCli(["run", "--targets", targetsFile("failing", broken), ...GREP], { ...ENV, SESSIONPROBE_REPORTS: reports });
  expect(run.code, run.output.slice(-3000)).toBe(1);
  expect(run.output).toMatch(/Quality Gate failed[\s\S]*no-documented-behaviour-broken/);
  const summary = read<Summary>(reports, "summary.json");
  expect(summary.headline.title).toBe("sessionprobe: NON-CONFORMANCE — staging: CTM-S-07 broken");
  expect(statementDisagreements(reports)).toEqual([]);
  expect(readFileSync(join(reports, "statement.html"), "utf8")).toContain("Verdict: NON-CONFORMANCE (exit code 1)");

  test.skip(!existsSync(CHROMIUM), `${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium); .ci/run does`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`file://${join(reports, "allure-report", "index.html")}`);
    // Above the fold: the title is the headline, and the metadata opens with the verdict.
    await expect(page.getByText(summary.headline.title)).toBeVisible();
    const title = await page.getByText(summary.headline.title).boundingBox();
    expect(title?.y ?? 1000).toBeLessThan(200);
    await expect(page.getByText("NON-CONFORMANCE (exit code 1)")).toBeVisible();
    await expect(page.getByText("staging: CTM-S-07 (DOC/WIRE)", { exact: true })).toBeVisible();
    // One tree entry per scenario, however many ids each covers.
    const leaves = page.locator('[data-testid="tree-leaf"]');
    await expect(leaves).toHaveCount(summary.scenarios.length);
    for (const { title } of summary.scenarios)
      await expect(leaves.filter({ hasText: title })).toHaveCount(summary.scenarios.filter((s) => s.title === title).length);
    await page.getByText("Quality Gates", { exact: false }).first().click();
    await expect(page.getByText("no-documented-behaviour-broken/maxFailures")).toBeVisible();
    const broken = summary.scenarios.filter((s) => s.status === "failed" && !s.deviation).length;
    await expect(page.getByText(`The number of failed tests ${broken} exceeds the allowed threshold value 0`)).toBeVisible();
    await page.screenshot({ path: join(reports, "quality-gate.png") });
  } finally {
    await browser.close();
  }
});

test("a waived failure: exit 0, and the terminal, summary.json, evidence.json, statement, JUnit and Allure all name the ticket", async () => {
  test.setTimeout(240_000);
  const reports = join(dir, "waived");
  const run = await runCli(["run", "--targets", targetsFile("waived", broken, deviation("2099-12-31")), ...GREP], {
    ...ENV,
    SESSIONPROBE_REPORTS: reports,
  });
  expect(run.code, run.output.slice(-3000)).toBe(0);
  expect(run.output).toMatch(
    /waived: deviation ABC-123: CTM-S-07 failed as known — logout keeps the token \(vendor case 0042\) \(waived until 2099-12-31\)/,
  );
  expect(run.output).toMatch(/verdict: conformed \(1 known deviation\(s\) waived: CTM-S-07 \(ABC-123\)\)/);
  const summary = read<Summary>(reports, "summary.json");
  // The closing line counts the waived scenario as JUnit does: skipped, not failed.
  const skipped = summary.scenarios.filter((s) => s.status === "skipped" || s.deviation).length;
  expect(run.output).toMatch(new RegExp(`^tests: \\d+ passed, 0 failed, ${skipped} skipped$`, "m"));
  expect(summary.deviations).toMatchObject([{ id: "CTM-S-07", ticket: "ABC-123", state: "waived" }]);
  expect(summary.services[0]?.ids).toMatchObject({ failed: [], deviations: ["CTM-S-07"] });
  expect(summary.scenarios.find((s) => s.title.startsWith("CTM-S-07"))?.deviation).toMatch(/^deviation ABC-123: CTM-S-07/);
  expect(read<{ deviations: { state: string }[] }>(reports, "evidence.json").deviations).toMatchObject([{ state: "waived" }]);
  expect(statementDisagreements(reports)).toEqual([]);
  expect(readFileSync(join(reports, "statement.md"), "utf8")).toMatch(
    /\| staging \| CTM-S-07 \| ABC-123 \| 2099-12-31 \| logout keeps the token \(vendor case 0042\) \| waived \|/,
  );
  const junit = readFileSync(join(reports, "junit.xml"), "utf8");
  expect(await junitSchemaErrors(junit)).toEqual([]);
  expect(junit).toMatch(
    /<testcase name="CTM-S-07 [^"]*"[^>]*><skipped message="deviation ABC-123: CTM-S-07 failed as known[^"]*" type="SP_DEVIATION">/,
  );
  expect(junit).toMatch(new RegExp(`failures="0" errors="0" skipped="${skipped}"`));
  const results = join(reports, "allure-results");
  const waived = readdirSync(results)
    .filter((f) => f.endsWith("-result.json"))
    .map(
      (f) =>
        JSON.parse(readFileSync(join(results, f), "utf8")) as {
          name: string;
          status: string;
          labels: { name: string; value: string }[];
          statusDetails: { known?: boolean };
        },
    )
    .find((r) => r.name.startsWith("CTM-S-07"));
  expect(waived).toMatchObject({ status: "failed", statusDetails: { known: true } });
  expect(waived?.labels).toContainEqual({ name: "deviation", value: "ABC-123" });
  // The statement's exchange fingerprints are the Allure report's own HTTP attachments, byte for byte.
  const attached = new Set(
    readdirSync(results)
      .filter((f) => f.endsWith(".httpexchange"))
      .map((f) =>
        createHash("sha256")
          .update(readFileSync(join(results, f)))
          .digest("hex"),
      ),
  );
  const stated = [...readFileSync(join(reports, "statement.md"), "utf8").matchAll(/sha256:([0-9a-f]{64})/g)].map((m) => m[1]);
  expect(stated.length).toBeGreaterThan(5);
  expect(stated.filter((hash) => !attached.has(hash as string))).toEqual([]);
  expect(run.output).not.toMatch(/Quality Gate failed/);
});

test("strict: a waived id that passes fails the run (stale), and so does a deviation past its until date", async () => {
  test.setTimeout(240_000);
  const stale = join(dir, "stale");
  const expired = join(dir, "expired");
  const [staleRun, expiredRun] = await Promise.all([
    runCli(["run", "--targets", targetsFile("stale", clean, deviation("2099-12-31")), ...GREP], { ...ENV, SESSIONPROBE_REPORTS: stale }),
    runCli(["run", "--targets", targetsFile("expired", broken, deviation("2020-01-31")), ...GREP], {
      ...ENV,
      SESSIONPROBE_REPORTS: expired,
    }),
  ]);
  expect(staleRun.code, staleRun.output.slice(-3000)).toBe(1);
  expect(staleRun.output).toMatch(
    /verdict: non-conformance: deviation ABC-123 \(CTM-S-07\) on target staging is stale: every scenario covering CTM-S-07 passed \(\d+\); the server conforms now, so remove the deviation from the targets file/,
  );
  expect(readFileSync(join(stale, "junit.xml"), "utf8")).toMatch(
    /<testcase name="deviation CTM-S-07 \(ABC-123\)"[^>]*><failure [^>]*type="SP_DEVIATION_STALE">/,
  );
  expect(read<Summary>(stale, "summary.json").headline.verdict).toBe("NON-CONFORMANCE");
  expect(statementDisagreements(stale)).toEqual([]);

  expect(expiredRun.code, expiredRun.output.slice(-3000)).toBe(1);
  // Past its date the waiver waives nothing: the failure is a failure, and the deviation says why it no longer holds.
  expect(expiredRun.output).toMatch(
    /verdict: non-conformance: 1 scenario\(s\) found a behaviour broken \(CTM-S-07\); deviation ABC-123 \(CTM-S-07\) on target staging ran past its until date 2020-01-31/,
  );
  const junit = readFileSync(join(expired, "junit.xml"), "utf8");
  expect(junit).toMatch(/<testcase name="CTM-S-07 [^"]*"[^>]*><failure /);
  expect(junit).toMatch(/type="SP_DEVIATION_EXPIRED"/);
  expect(read<Summary>(expired, "summary.json").deviations).toMatchObject([{ state: "expired" }]);
});

test("merged shards keep the deviation: the shard that waived it and the merge both exit 0, and the merge writes the statement", async () => {
  test.setTimeout(300_000);
  const targets = targetsFile("sharded", broken, deviation("2099-12-31"));
  const shards = [join(dir, "shard-1"), join(dir, "shard-2")];
  const runs = await Promise.all(
    shards.map((reports, i) =>
      runPlaywrightTest(["--reporter", "dot", ...GREP, "--shard", `${i + 1}/2`], {
        ...ENV,
        SESSIONPROBE_TARGETS: targets,
        SESSIONPROBE_REPORTS: reports,
      }),
    ),
  );
  for (const [i, run] of runs.entries()) expect(run.code, `shard ${i + 1}:\n${run.output.slice(-2000)}`).toBe(0);
  const merged = join(dir, "merged");
  const merge = await runCli(["merge", ...shards], {
    SESSIONPROBE_REPORTS: merged,
    SESSIONPROBE_TARGETS: join(dir, "no-such-targets.yaml"),
  });
  expect(merge.code, merge.output.slice(-3000)).toBe(0);
  expect(merge.output).toMatch(/verdict: conformed \(1 known deviation\(s\) waived: CTM-S-07 \(ABC-123\)\)/);
  const summary = read<Summary>(merged, "summary.json");
  expect(summary.deviations).toMatchObject([{ id: "CTM-S-07", ticket: "ABC-123", state: "waived" }]);
  expect(read<{ targets: { deviations?: unknown[] }[] }>(merged, "evidence.json").targets[0]?.deviations).toHaveLength(1);
  expect(readFileSync(join(merged, "junit.xml"), "utf8")).toMatch(/type="SP_DEVIATION"/);
  expect(statementDisagreements(merged)).toEqual([]);
  expect(readFileSync(join(merged, "statement.md"), "utf8")).toMatch(
    /merged by sessionprobe merge from .*shard-1 \(shard 1\/2\), .*shard-2 \(shard 2\/2\)/,
  );
});
