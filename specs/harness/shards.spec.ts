import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { runPlaywrightTest as playwright, startStandaloneMock } from "./support/processes.ts";

/**
 * Two shards on two "machines" (separate processes sharing nothing but the target, each
 * with its own reports folder), then the guarded job: the lockout budget of 1 is spent
 * exactly once between the shards, and the password-changing scenario runs only in the
 * guarded job, after both shards, never beside another scenario on the server.
 */
interface JsonTest {
  annotations: { type: string; description?: string }[];
  results: { status: string; startTime: string; duration: number }[];
  tags: string[];
}
interface JsonSpec {
  title: string;
  tags: string[];
  tests: JsonTest[];
}
interface JsonSuite {
  specs?: JsonSpec[];
  suites?: JsonSuite[];
}

function specsOf(suite: JsonSuite): JsonSpec[] {
  return [...(suite.specs ?? []), ...(suite.suites ?? []).flatMap(specsOf)];
}

test("two shards with a lockout budget of 1 send one wrong-credential scenario between them; the guarded scenario runs once, alone, after them", async () => {
  test.setTimeout(360_000);
  const dir = mkdtempSync(join(tmpdir(), "sp-shards-"));
  const ca = join(dir, "ca.pem");
  const mock = await startStandaloneMock(["controlm", "--tls", "--port", "0", "--cert-out", ca]);
  try {
    const targets = join(dir, "targets.yaml");
    writeFileSync(
      targets,
      `targets:
  - name: staging
    vendor: controlm
    baseUrl: ${mock.baseUrl}/automation-api
    credentials: { username: "\${env:CTM_USER}", password: "\${env:CTM_PASSWORD}", passwordSecret: "\${env:CTM_SECRET}", apiKey: "\${env:CTM_APIKEY}" }
    users:
      other: { username: "\${env:CTM_OTHER}", password: "\${env:CTM_OTHER_PASSWORD}" }
    tls: { ca: ./ca.pem }
    expiry: skip
    allow: [changes-password]
    lockout: { budget: 1 }
`,
    );
    const env = (reports: string) => ({
      SESSIONPROBE_TARGETS: targets,
      SESSIONPROBE_REPORTS: reports,
      PLAYWRIGHT_JSON_OUTPUT_FILE: join(reports, "run.json"),
      CTM_USER: "emuser",
      CTM_PASSWORD: "empass-1234",
      CTM_SECRET: "emuser-password",
      CTM_APIKEY: "ctm-seeded-api-token-emuser-public-0001",
      CTM_OTHER: "opsuser",
      CTM_OTHER_PASSWORD: "opspass-5678",
    });
    const shardDirs = [join(dir, "shard-1"), join(dir, "shard-2")];
    const shards = await Promise.all(
      shardDirs.map((reports, i) =>
        playwright(["--shard", `${i + 1}/2`, "--reporter", "json", "--grep", "@controlm-session"], env(reports)),
      ),
    );
    const guardedDir = join(dir, "guarded");
    const guarded = await playwright(
      ["--project", "staging-guarded", "--reporter", "json", "--grep", "@controlm-session"],
      env(guardedDir),
    );
    const read = (reports: string) => specsOf(JSON.parse(readFileSync(join(reports, "run.json"), "utf8")) as JsonSuite);
    const shardSpecs = shardDirs.flatMap(read);
    for (const [i, s] of shards.entries()) expect(s.code, `shard ${i + 1}:\n${s.output.slice(-3000)}`).toBe(0);
    expect(guarded.code, guarded.output.slice(-3000)).toBe(0);

    const ran = (spec: JsonSpec) => spec.tests.some((t) => t.results.some((r) => r.status !== "skipped"));
    const wrongCredentials = shardSpecs.filter((s) => s.tags.includes("wrong-credentials"));
    expect(wrongCredentials.length).toBeGreaterThan(1);
    expect(
      wrongCredentials.filter(ran).map((s) => s.title),
      "exactly one wrong-credential scenario between the two shards",
    ).toHaveLength(1);
    const reasons = wrongCredentials
      .filter((s) => !ran(s))
      .flatMap((s) => s.tests.flatMap((t) => t.annotations.filter((a) => a.type === "skip-reason").map((a) => a.description ?? "")));
    for (const reason of reasons)
      expect(reason).toMatch(
        /lockout budget of target staging \(this shard's share \([01] of 1, shard [12]\/2\)\) is spent|not asserted on this target/,
      );

    const guardedOnShards = shardSpecs.filter((s) => s.tags.includes("guarded"));
    expect(guardedOnShards.length).toBeGreaterThan(0);
    expect(guardedOnShards.filter(ran), "no guarded scenario runs on a shard").toEqual([]);
    const guardedRun = read(guardedDir);
    const guardedRan = guardedRun.filter(ran);
    expect(guardedRan.map((s) => s.tags.includes("guarded"))).toEqual(guardedRan.map(() => true));
    // Every guarded scenario (each listed by the shard reports, run by none) ran once, in the guarded job.
    expect(guardedRan.map((s) => s.title).sort()).toEqual([...new Set(guardedOnShards.map((s) => s.title))].sort());
    // It started after every scenario of both shards had ended.
    const ends = shardSpecs.flatMap((s) => s.tests.flatMap((t) => t.results.map((r) => Date.parse(r.startTime) + r.duration)));
    const starts = guardedRan.flatMap((s) => s.tests.flatMap((t) => t.results.map((r) => Date.parse(r.startTime))));
    expect(Math.min(...starts)).toBeGreaterThanOrEqual(Math.max(...ends));
  } finally {
    await mock.stop();
  }
});
