import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { parse } from "yaml";
import { envExample, runInit } from "../../src/cli/init-command.ts";
import { projectArgs } from "../../src/cli/playwright-commands.ts";
import { ROOT, runCli, runPlaywrightTest } from "./support/processes.ts";
import "../../test-support/drivers.ts";

/**
 * The CI templates of docs/ci.md, "Sharded runs" (templates/ci/), tested where they can be off CI:
 * they parse; every command they run exists; the shard count of the matrix (or `parallel:`) is
 * the one --shard and `sessionprobe merge` use; the guarded job runs after the shards, unsharded,
 * and selects only the guarded scenarios; the merge job depends on every other job, has no
 * secrets, and keeps Allure's history between runs; the shards get every variable the targets
 * file of `sessionprobe init controlm` reads, from the CI's secret store.
 */
interface Step {
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string | number>;
}
interface GithubJob {
  needs?: string | string[];
  if?: string;
  environment?: string;
  strategy?: { matrix: { shard: number[] } };
  steps: Step[];
}
interface GitlabJob {
  stage: string;
  parallel?: number;
  needs?: string[];
  when?: string;
  environment?: { name: string };
  variables?: Record<string, string>;
  script: string[];
  cache?: { key: unknown; paths: string[]; when?: string }[];
  artifacts?: { when?: string; paths: string[]; reports?: { junit?: string } };
}

const template = (name: string) => readFileSync(join(ROOT, "templates", "ci", name), "utf8");
const github = parse(template("github-actions.yml")) as { on: Record<string, unknown>; jobs: Record<string, GithubJob> };
const gitlab = parse(template("gitlab-ci.yml")) as Record<string, GitlabJob> & { stages: string[] };

const needsOf = (job: { needs?: string | string[] }) => [job.needs ?? []].flat();
const runs = (job: GithubJob) => job.steps.flatMap((s) => (s.run ? [s.run] : []));
const commandIn = (commands: readonly string[], prefix: string) => {
  const found = commands.filter((c) => c.startsWith(prefix));
  expect(found, `one "${prefix}…" command`).toHaveLength(1);
  return found[0] as string;
};
const upload = (job: GithubJob) => job.steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"));
/** `sessionprobe init controlm` into a fresh folder, without its "next:" lines on the test's output; the folder. */
function initControlm(): string {
  const dir = mkdtempSync(join(tmpdir(), "sp-ci-"));
  const write = process.stdout.write;
  process.stdout.write = () => true;
  try {
    runInit("controlm", { dir, force: true });
  } finally {
    process.stdout.write = write;
  }
  return dir;
}
/** The variables the controlm targets file of `sessionprobe init` reads, as its .env.example lists them. */
function targetsVariables(): string[] {
  const example = envExample(readFileSync(join(initControlm(), "targets.yaml"), "utf8"), "controlm");
  return [...example.matchAll(/^([A-Z_][A-Z0-9_]*)=$/gm)].map((m) => m[1] as string);
}

test("GitHub Actions: a matrix of n shards, the guarded job after them, one merge of exactly those n folders that needs them all, no secrets, Allure history cached", () => {
  const { shard, guarded, merge } = github.jobs as Record<string, GithubJob>;
  if (!shard || !guarded || !merge) throw new Error(`jobs shard, guarded and merge expected, got ${Object.keys(github.jobs)}`);
  expect(Object.keys(github.on)).toContain("schedule");

  const n = shard.strategy?.matrix.shard.length ?? 0;
  expect(n).toBeGreaterThan(1);
  expect(shard.strategy?.matrix.shard).toEqual(Array.from({ length: n }, (_, i) => i + 1));
  const shardRun = commandIn(runs(shard), "npx sessionprobe run ");
  expect(shardRun).toContain(`--shard \${{ matrix.shard }}/${n}`);
  const shardStep = shard.steps.find((s) => s.run === shardRun) as Step;
  expect(shardStep.env?.SESSIONPROBE_REPORTS).toBe("reports/shard-${{ matrix.shard }}");
  expect(upload(shard)?.with).toMatchObject({ name: "shard-${{ matrix.shard }}", path: "reports/shard-${{ matrix.shard }}" });
  // Each shard's learned timings and sessionprobe's cache (the folder the run is told): restored before its run, saved
  // after it whatever its exit code, a key per shard and run.
  const shardAt = (prefix: string) => shard.steps.findIndex((s) => s.uses?.startsWith(prefix));
  const shardRunAt = shard.steps.indexOf(shardStep);
  expect(shardAt("actions/cache/restore@")).toBeLessThan(shardRunAt);
  expect(shardAt("actions/cache/save@")).toBeGreaterThan(shardRunAt);
  const [timingsIn, timingsOut] = [shard.steps[shardAt("actions/cache/restore@")], shard.steps[shardAt("actions/cache/save@")]];
  expect(String(timingsIn?.with?.path).trim().split("\n")).toEqual([
    "reports/shard-${{ matrix.shard }}/timings.json",
    String(shardStep.env?.SESSIONPROBE_CACHE_DIR),
  ]);
  expect(timingsOut?.with?.path).toBe(timingsIn?.with?.path);
  expect(timingsOut?.if).toMatch(/!cancelled\(\)|always\(\)/);
  expect(String(timingsOut?.with?.key)).toMatch(/\$\{\{ matrix\.shard \}\}.*\$\{\{ github\.run_id \}\}/);
  expect(String(timingsOut?.with?.key).startsWith(String(timingsIn?.with?.["restore-keys"]))).toBe(true);

  // The guarded job: after every shard, passed or not; unsharded; only the guarded scenarios.
  expect(needsOf(guarded)).toEqual(["shard"]);
  expect(guarded.if).toMatch(/!cancelled\(\)|always\(\)/);
  const guardedRun = commandIn(runs(guarded), "npx sessionprobe run ");
  expect(guardedRun).toMatch(/--grep @guarded$/);
  expect(guardedRun).not.toContain("--shard");
  const guardedStep = guarded.steps.find((s) => s.run === guardedRun) as Step;
  expect(guardedStep.env?.SESSIONPROBE_REPORTS).toBe("reports/guarded");
  expect(upload(guarded)?.with).toMatchObject({ name: "guarded", path: "reports/guarded" });

  // Secrets: from the environment's secret store, every variable the targets file reads, in the jobs that talk to the target only.
  const variables = targetsVariables();
  expect(variables).toContain("CTM_PASSWORD");
  for (const step of [shardStep, guardedStep]) for (const name of variables) expect(step.env?.[name], name).toBe(`\${{ secrets.${name} }}`);
  expect(shard.environment).toBe("staging");
  expect(guarded.environment).toBe("staging");
  expect(merge.environment).toBeUndefined();
  expect(JSON.stringify(merge)).not.toContain("secrets.");

  // The merge: after both, even when a shard failed; every artifact into reports/<name>; exactly the n shard folders and the guarded one.
  expect(needsOf(merge).sort()).toEqual(["guarded", "shard"]);
  expect(merge.if).toMatch(/!cancelled\(\)|always\(\)/);
  expect(merge.steps.find((s) => s.uses?.startsWith("actions/download-artifact@"))?.with).toEqual({ path: "reports" });
  const mergeRun = commandIn(runs(merge), "npx sessionprobe merge ");
  expect(mergeRun.split(" ").slice(3)).toEqual([...Array.from({ length: n }, (_, i) => `reports/shard-${i + 1}`), "reports/guarded"]);

  // Allure history: restored before the merge, saved after it whatever its exit code, under a key per run.
  const at = (prefix: string) => merge.steps.findIndex((s) => s.uses?.startsWith(prefix));
  const restore = merge.steps[at("actions/cache/restore@")];
  const save = merge.steps[at("actions/cache/save@")];
  const mergeAt = merge.steps.findIndex((s) => s.run === mergeRun);
  expect(at("actions/cache/restore@")).toBeLessThan(mergeAt);
  expect(at("actions/cache/save@")).toBeGreaterThan(mergeAt);
  expect(restore?.with?.path).toBe("reports/history.jsonl");
  expect(save?.with?.path).toBe("reports/history.jsonl");
  expect(save?.if).toMatch(/!cancelled\(\)|always\(\)/);
  expect(String(save?.with?.key)).toContain("${{ github.run_id }}");
  expect(String(save?.with?.key).startsWith(String(restore?.with?.["restore-keys"]))).toBe(true);
});

test("GitLab CI: parallel shards, the guarded job after them, one merge of exactly those folders that needs them all, no secrets, Allure history cached", () => {
  const shard = gitlab.conformance;
  const guarded = gitlab["conformance-guarded"];
  const merge = gitlab["conformance-merge"];
  if (!shard || !guarded || !merge) throw new Error("jobs conformance, conformance-guarded and conformance-merge expected");
  expect(gitlab.stages).toEqual([shard.stage, guarded.stage, merge.stage]);

  const n = shard.parallel ?? 0;
  expect(n).toBeGreaterThan(1);
  // GitLab numbers the parallel jobs 1..n: --shard takes them as they are.
  expect(commandIn(shard.script, "npx sessionprobe run ")).toContain("--shard $CI_NODE_INDEX/$CI_NODE_TOTAL");
  expect(shard.variables?.SESSIONPROBE_REPORTS).toBe("reports/shard-$CI_NODE_INDEX");
  expect(shard.artifacts).toMatchObject({ when: "always", paths: ["reports/"] });
  // Each shard's learned timings and sessionprobe's cache (the folder the run is told), kept between pipelines under a key per shard.
  const timings = shard.cache?.find((c) => c.paths.includes("reports/shard-$CI_NODE_INDEX/timings.json"));
  expect(timings?.paths).toContain(`${shard.variables?.SESSIONPROBE_CACHE_DIR}/`);
  expect(timings?.when).toBe("always");
  expect(String(timings?.key)).toContain("$CI_NODE_INDEX");

  expect(guarded.needs).toEqual(["conformance"]);
  expect(guarded.when).toBe("always");
  const guardedRun = commandIn(guarded.script, "npx sessionprobe run ");
  expect(guardedRun).toMatch(/--grep @guarded$/);
  expect(guardedRun).not.toContain("--shard");
  expect(guarded.variables?.SESSIONPROBE_REPORTS).toBe("reports/guarded");
  expect(guarded.artifacts).toMatchObject({ when: "always", paths: ["reports/"] });

  // Credentials are variables scoped to the environment: the jobs that talk to the target name it, the merge does not.
  expect(shard.environment?.name).toBe("staging");
  expect(guarded.environment?.name).toBe("staging");
  expect(merge.environment).toBeUndefined();
  for (const name of targetsVariables()) expect(template("gitlab-ci.yml"), name).toContain(name);

  expect([...(merge.needs ?? [])].sort()).toEqual(["conformance", "conformance-guarded"]);
  expect(merge.when).toBe("always");
  const mergeRun = commandIn(merge.script, "npx sessionprobe merge ");
  expect(mergeRun.split(" ").slice(3)).toEqual([...Array.from({ length: n }, (_, i) => `reports/shard-${i + 1}`), "reports/guarded"]);
  expect(merge.cache?.find((c) => c.paths.includes("reports/history.jsonl"))?.when).toBe("always");
  expect(merge.artifacts?.reports?.junit).toBe("reports/junit.xml");
  expect(merge.artifacts?.paths).toEqual(
    expect.arrayContaining(["reports/allure-report/", "reports/summary.json", "reports/evidence.json"]),
  );
});

/** Every `npx sessionprobe <command>` and `npm <command>` line of both templates. */
function commandLines(): string[] {
  const lines = [
    ...Object.values(github.jobs).flatMap(runs),
    ...Object.values(gitlab).flatMap((job) => (typeof job === "object" && job && "script" in job ? (job as GitlabJob).script : [])),
    ...((gitlab as unknown as { default: { before_script: string[] } }).default.before_script ?? []),
  ];
  return [...new Set(lines)];
}

test("every command the templates run exists: each sessionprobe command answers --help, its own options are in it, npm knows the rest", async () => {
  test.setTimeout(120_000);
  const lines = commandLines();
  expect(
    lines.every((l) => /^(npx sessionprobe|npm) /.test(l)),
    lines.join("\n"),
  ).toBe(true);
  const commands = [...new Set(lines.filter((l) => l.startsWith("npx sessionprobe ")).map((l) => l.split(" ")[2] as string))].sort();
  expect(commands).toEqual(["merge", "run"]);
  for (const command of commands) {
    const help = await runCli([command, "--help"], {});
    expect(help.code, help.output).toBe(0);
    for (const line of lines.filter((l) => l.startsWith(`npx sessionprobe ${command} `))) {
      // Options sessionprobe declares must be in its help; the others (--shard, --grep) go to Playwright, whose help must know them.
      for (const flag of line.match(/--[a-z-]+/g) ?? []) {
        if (help.output.includes(flag)) continue;
        expect(["--shard", "--grep"], `${flag} of "${line}"`).toContain(flag);
      }
    }
  }
  const playwrightHelp = (await runPlaywrightTest(["--help"], {})).output;
  for (const flag of ["--shard <shard>", "--grep <grep>"]) expect(playwrightHelp).toContain(flag);
  for (const npm of lines.filter((l) => l.startsWith("npm "))) expect(npm).toMatch(/^npm ci( --cache \.npm --prefer-offline)?$/);
  const npmCi = spawnSync("npm", ["ci", "--help"], { encoding: "utf8" });
  expect(npmCi.status, npmCi.stderr).toBe(0);
  expect(npmCi.stdout).toContain("npm ci");
});

test("the templates' shard and guarded commands select what the rule says: the shards list the guarded scenarios (to skip them), the guarded job lists only those", async () => {
  test.setTimeout(120_000);
  const dir = initControlm();
  const env: Record<string, string> = { SESSIONPROBE_TARGETS: join(dir, "targets.yaml"), SESSIONPROBE_REPORTS: join(dir, "reports") };
  for (const name of targetsVariables()) env[name] = "placeholder";
  // What `sessionprobe run --targets targets.yaml ARGS` runs: the targets' projects, then ARGS (src/cli/playwright-commands.ts).
  const list = async (args: string[]) =>
    (await runPlaywrightTest(["--list", ...projectArgs(["ctm-staging"], [], args), ...args], env)).output;
  const projects = (output: string) => [...output.matchAll(/^\s+\[([^\]]+)\] ›/gm)].map((m) => m[1]);
  const guardedArgs = commandIn(gitlab["conformance-guarded"]?.script ?? [], "npx sessionprobe run ")
    .split(" ")
    .slice(5);
  const [first, second, guarded] = await Promise.all([list(["--shard", "1/2"]), list(["--shard", "2/2"]), list(guardedArgs)]);
  // The shards between them list the guarded scenarios (each shard skips the ones it gets, with the reason).
  const shards = [...projects(first), ...projects(second)];
  expect(shards).toContain("ctm-staging");
  expect(shards).toContain("ctm-staging-guarded");
  expect(projects(guarded).length, guarded).toBeGreaterThan(0);
  expect(new Set(projects(guarded))).toEqual(new Set(["ctm-staging-guarded"]));
});
