import { chmodSync, cpSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative } from "node:path";
import { expect, test } from "@playwright/test";
import { TEAM_BEHAVIOURS_ENV } from "../catalogue/team-behaviours.ts";
import { CACHE_DIR_ENV, CACHE_ENV } from "../cache/user-cache.ts";
import { cacheWritesDone, loaderModules } from "./collection-cache.ts";
import { COLLECTION_ENV, collectSuites, lastCollection } from "./collection.ts";
import { builtInSuiteDirs, findSuiteFiles } from "./discover.ts";
import { loadSuitesOrThrow } from "./load.ts";
import { suitesAsData } from "../../test-support/loaded-suites.ts";
import "../../test-support/drivers.ts";

/** A copy of the shipped suites and an empty cache folder, with this process's hand-over out of the way. */
function setUp(): { dir: string; restore: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "sp-cache-suites-"));
  for (const suites of builtInSuiteDirs()) cpSync(suites, join(dir, basename(dirname(suites))), { recursive: true });
  const saved = { cache: process.env[CACHE_DIR_ENV], off: process.env[CACHE_ENV], handOver: process.env[COLLECTION_ENV] };
  process.env[CACHE_DIR_ENV] = mkdtempSync(join(tmpdir(), "sp-cache-"));
  delete process.env[CACHE_ENV];
  delete process.env[COLLECTION_ENV];
  const put = (name: string, value: string | undefined) => {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  };
  const restore = () => {
    put(CACHE_DIR_ENV, saved.cache);
    put(CACHE_ENV, saved.off);
    put(COLLECTION_ENV, saved.handOver);
  };
  return { dir, restore };
}

test("unchanged files come from the cache, equal to parsing them; a changed file is parsed again", async () => {
  const { dir, restore } = setUp();
  try {
    const files = findSuiteFiles(dir);
    const first = await collectSuites(files);
    expect(lastCollection()).toMatchObject({ handedOver: false, parsed: files.length, fromCache: 0 });
    await cacheWritesDone();
    const second = await collectSuites(files);
    expect(lastCollection()).toMatchObject({ parsed: 0, fromCache: files.length });
    expect(suitesAsData(second)).toEqual(suitesAsData(first));
    expect(suitesAsData(second)).toEqual(suitesAsData(loadSuitesOrThrow(files)));
    // A repeat counted by a target's option still unrolls per target from a cached file.
    expect(second.flatMap((s) => s.scenarios).some((s) => s.stepsFor?.({ sessionCap: "4" }).length)).toBe(true);

    const [name] = readdirSync(join(dir, "hmc")).filter((f) => f.endsWith(".yaml"));
    const file = join(dir, "hmc", name as string);
    writeFileSync(file, "vendor: hmc\nservice: logon\nscenarios: []\n");
    await expect(collectSuites(files)).rejects.toThrow(/problem in scenario files/);
    expect(lastCollection()?.fromCache).toBeUndefined();
  } finally {
    restore();
  }
});

test("a file with problems is never kept: every run tells its problems again", async () => {
  const { dir, restore } = setUp();
  try {
    const broken = join(dir, "controlm", "broken.yaml");
    writeFileSync(
      broken,
      "vendor: controlm\nservice: session\nscenarios:\n  - name: x\n    covers: [CTM-S-01]\n    steps:\n      - logn: {}\n",
    );
    for (let run = 0; run < 2; run++) {
      await expect(collectSuites(findSuiteFiles(dir))).rejects.toThrow(/broken\.yaml:7:9/);
      await cacheWritesDone();
    }
  } finally {
    restore();
  }
});

test("SESSIONPROBE_CACHE=off parses every file every time", async () => {
  const { dir, restore } = setUp();
  try {
    process.env[CACHE_ENV] = "off";
    const files = findSuiteFiles(dir);
    await collectSuites(files);
    await collectSuites(files);
    expect(lastCollection()).toMatchObject({ parsed: files.length, fromCache: 0 });
  } finally {
    restore();
  }
});

test("the cache key covers the loader's whole module graph: schema, semantic checks, the catalogue, the drivers' verbs", () => {
  const modules = loaderModules().map((m) => relative(join(import.meta.dirname, "..", ".."), m));
  expect(modules).toEqual(
    expect.arrayContaining([
      "src/scenario/load.ts",
      "src/scenario/semantic-checks.ts",
      "src/scenario/scenario-validators.ts",
      "src/scenario/schema.ts",
      "src/catalogue/behaviours.ts",
      "src/vendors/registry.ts",
    ]),
  );
});

test("a cache folder others may write to is not used: nothing is read from it or kept in it", async () => {
  const { dir, restore } = setUp();
  try {
    const shared = mkdtempSync(join(tmpdir(), "sp-cache-shared-"));
    chmodSync(shared, 0o777);
    process.env[CACHE_DIR_ENV] = shared;
    const files = findSuiteFiles(dir);
    await collectSuites(files);
    await cacheWritesDone();
    await collectSuites(files);
    expect(lastCollection()).toMatchObject({ parsed: files.length, fromCache: 0 });
    expect(readdirSync(shared)).toEqual([]);
  } finally {
    restore();
  }
});

test("a team's behaviours file is part of the key: a cached scenario covering an id the file no longer declares is checked again", async () => {
  const { restore } = setUp();
  const savedTeam = process.env[TEAM_BEHAVIOURS_ENV];
  try {
    const dir = mkdtempSync(join(tmpdir(), "sp-cache-team-"));
    const declare = (name: string, id: string) => {
      const text = `prefix: ACME\nbehaviours:\n  - { id: ${id}, vendor: vmanage, service: session, sureness: DOC, text: a team check, source: NET-1 }\n`;
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const suite = join(dir, "team.yaml");
    writeFileSync(
      suite,
      "vendor: vmanage\nservice: session\nscenarios:\n  - name: team check\n    covers: [ACME-VM-01]\n    steps:\n      - login: {}\n",
    );
    process.env[TEAM_BEHAVIOURS_ENV] = declare("declares.yaml", "ACME-VM-01");
    await collectSuites([suite]);
    await cacheWritesDone();
    await collectSuites([suite]);
    expect(lastCollection()).toMatchObject({ parsed: 0, fromCache: 1 });
    process.env[TEAM_BEHAVIOURS_ENV] = declare("renamed.yaml", "ACME-VM-09");
    await expect(collectSuites([suite])).rejects.toThrow(/team\.yaml:5:14: unknown behaviour id "ACME-VM-01"/);
  } finally {
    if (savedTeam === undefined) delete process.env[TEAM_BEHAVIOURS_ENV];
    else process.env[TEAM_BEHAVIOURS_ENV] = savedTeam;
    restore();
  }
});
