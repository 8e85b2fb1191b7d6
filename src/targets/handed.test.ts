import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { CHECKED_TARGETS_ENV, checkTargets, handedTargets, targetOfRun, targetsOfRun } from "./handed.ts";
import { loadTargets } from "./load.ts";
import "../../test-support/drivers.ts";

const text = `targets:
  - name: ctm-staging
    vendor: controlm
    baseUrl: https://ctm.example.test:8443/automation-api
    credentials: { username: "\${env:SP_H_USER}", password: "\${env:SP_H_PASSWORD}" }
    session: { idleTimeout: 20s }
    expiry: wait
    options: { passwordSecretKey: emuser-password }
  - name: am-staging
    vendor: openam
    baseUrl: https://am.example.test/openam
    credentials: { username: "\${env:SP_H_USER}", password: "\${env:SP_H_PASSWORD}" }
`;
const secretsEnv = { SP_H_USER: "emuser", SP_H_PASSWORD: "handed-secret-pw" };

function targetsFile(content = text): string {
  const file = join(mkdtempSync(join(tmpdir(), "sp-handed-")), "targets.yaml");
  writeFileSync(file, content);
  return file;
}

test("the process that checks a targets file hands its entries on: a child resolves the same targets from them", async () => {
  const file = targetsFile();
  const env: NodeJS.ProcessEnv = { ...secretsEnv };
  const checked = await checkTargets(file, env);
  expect(env[CHECKED_TARGETS_ENV]).toMatch(new RegExp(`^${process.pid}:`));
  expect(handedTargets(file, env)?.map((e) => e.name)).toEqual(["ctm-staging", "am-staging"]);
  const fromHand = await targetOfRun(file, "am-staging", env);
  expect(fromHand).toEqual(checked[1]);
  expect(fromHand).toEqual(loadTargets(file, env)[1]);
  expect(fromHand?.credentials.password).toBe("handed-secret-pw");
});

test("what is handed holds no secret: the entries keep ${env:NAME}, each process resolves them itself", async () => {
  const file = targetsFile();
  const env: NodeJS.ProcessEnv = { ...secretsEnv };
  await checkTargets(file, env);
  const handed = env[CHECKED_TARGETS_ENV] ?? "";
  expect(handed).toContain("${env:SP_H_PASSWORD}");
  expect(handed).not.toContain("handed-secret-pw");
});

test("a file changed since it was checked is read again, not taken from the hand", async () => {
  const file = targetsFile();
  const env: NodeJS.ProcessEnv = { ...secretsEnv };
  await checkTargets(file, env);
  writeFileSync(file, text.replace("idleTimeout: 20s", "idleTimeout: 30s"));
  expect(handedTargets(file, env)).toBeUndefined();
  expect((await targetOfRun(file, "ctm-staging", env))?.timeouts.idleMs).toBe(30_000);
});

test("only this process's or its parent's hand counts, and only for the file it checked", async () => {
  const file = targetsFile();
  const env: NodeJS.ProcessEnv = { ...secretsEnv };
  await checkTargets(file, env);
  const value = env[CHECKED_TARGETS_ENV] as string;
  expect(handedTargets(targetsFile(), env)).toBeUndefined();
  expect(handedTargets(file, { [CHECKED_TARGETS_ENV]: value.replace(/^\d+:/, "1:") })).toBeUndefined();
  expect(handedTargets(file, { [CHECKED_TARGETS_ENV]: `${process.ppid}:${value.slice(value.indexOf(":") + 1)}` })).toHaveLength(2);
});

test("from a hand the config gets the names and vendors at once and the resolved targets on demand", async () => {
  const file = targetsFile();
  const env: NodeJS.ProcessEnv = { ...secretsEnv };
  await checkTargets(file, env);
  const run = await targetsOfRun(file, env);
  expect(run.targets).toEqual([
    { name: "ctm-staging", vendor: "controlm" },
    { name: "am-staging", vendor: "openam" },
  ]);
  expect((await run.resolved()).map((t) => t.baseUrl)).toEqual([
    "https://ctm.example.test:8443/automation-api",
    "https://am.example.test/openam",
  ]);
});

test("a hand whose targets no longer resolve (a variable unset since) gives way to the file's located errors", async () => {
  const file = targetsFile();
  const env: NodeJS.ProcessEnv = { ...secretsEnv };
  await checkTargets(file, env);
  delete env.SP_H_PASSWORD;
  await expect(targetOfRun(file, "ctm-staging", env)).rejects.toThrow(/targets\.yaml:5:\d+: .*SP_H_PASSWORD is not set/);
});

test("a worker hands nothing on: Playwright would carry its hand to the guarded project's workers, whose parent it is not", async () => {
  const file = targetsFile();
  const runner: NodeJS.ProcessEnv = { ...secretsEnv };
  await checkTargets(file, runner);
  // As a worker sees its runner's hand: under its parent's pid.
  const handed = (runner[CHECKED_TARGETS_ENV] as string).replace(/^\d+:/, `${process.ppid}:`);
  const worker: NodeJS.ProcessEnv = { ...runner, [CHECKED_TARGETS_ENV]: handed, TEST_WORKER_INDEX: "0" };
  expect((await targetsOfRun(file, worker)).targets).toHaveLength(2);
  expect(worker[CHECKED_TARGETS_ENV]).toBe(handed);
  const unhanded: NodeJS.ProcessEnv = { ...secretsEnv, TEST_WORKER_INDEX: "1" };
  await targetsOfRun(file, unhanded);
  expect(unhanded[CHECKED_TARGETS_ENV]).toBeUndefined();
});
