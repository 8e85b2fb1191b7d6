import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type EngineHooks, silentHooks } from "../src/engine/hooks.ts";
import type { FailureKind } from "../src/engine/failure.ts";
import type { Exchange } from "../src/http/exchange.ts";
import type { Transport } from "../src/http/transport.ts";
import { controlmMock } from "../src/vendors/controlm/mock/index.ts";
import { SEEDED_API_TOKEN, seededUsers } from "../src/vendors/controlm/mock/state.ts";
import { MockRun } from "../src/in-process/mock-run.ts";
import { type LoadedSuite, loadSuiteFile } from "../src/scenario/load.ts";
import { controlm } from "../src/vendors/controlm/driver/index.ts";
import "./drivers.ts";

/** Test support: runs Control-M scenarios through the engine against an in-process mock. */

export function suiteFrom(yaml: string, service: "authentication" | "session" = "authentication"): LoadedSuite {
  const path = join(mkdtempSync(join(tmpdir(), "sp-ctm-")), "suite.yaml");
  writeFileSync(path, `vendor: controlm\nservice: ${service}\nscenarios:\n${yaml}`);
  return loadedOrThrow(path);
}

export function loadedOrThrow(path: string): LoadedSuite {
  const { suite, problems } = loadSuiteFile(path);
  if (!suite) throw new Error(problems.map((p) => `${p.file}:${p.position.line}: ${p.message}`).join("\n"));
  return suite;
}

export interface RunResult {
  scenario: string;
  /** Why the scenario did not run against this mock (then nothing else is filled in). */
  skip?: string;
  error: string | undefined;
  /** Of a failure: expectation, transport, configuration or harness. */
  failureKind?: FailureKind;
  /** Of a failure: the YAML line of the step that failed. */
  failedAtLine?: number;
  closedInTeardown: number;
  teardownFailures: string[];
  observations: { label: string; value: unknown }[];
  exchanges: Exchange[];
  /** Token names both seeded users still hold (but the seeded one), and sessions open on the mock, after teardown. */
  tokensLeft: string[];
  sessionsLeft: number;
}

async function tokensOf(transport: Transport, baseUrl: string, headers: Record<string, string>): Promise<string[]> {
  const list = await transport.send({ method: "GET", url: `${baseUrl}/authentication/tokens`, headers }, "check");
  // {tokens: […]} or a bare array: the list's shape is a variant (tokenList).
  const parsed = list.response.parsed as { tokens?: { tokenName: string }[] } | { tokenName: string }[];
  return (Array.isArray(parsed) ? parsed : (parsed.tokens ?? [])).map((t) => t.tokenName);
}

export interface RunSuiteOptions {
  defects?: string[];
  mockOptions?: Record<string, string>;
  /** What the target declares on top of the mock's options (by default it declares exactly those). */
  targetOptions?: Record<string, unknown>;
}

export async function runSuite(suite: LoadedSuite, options: RunSuiteOptions = {}): Promise<RunResult[]> {
  const run = await MockRun.start(
    controlmMock,
    { defects: options.defects ?? [], options: options.mockOptions ?? {} },
    { options: { ...options.mockOptions, ...(options.targetOptions as Record<string, string> | undefined) } },
  );
  const { transport, target } = run;
  const results: RunResult[] = [];
  try {
    for (const loaded of suite.scenarios) {
      const exchanges: Exchange[] = [];
      const hooks: EngineHooks = { ...silentHooks, exchange: async (e) => void exchanges.push(e) };
      const { skip, error, failure, runner } = await run.run(suite, loaded, { driver: controlm, hooks });
      if (skip) {
        results.push({
          scenario: loaded.scenario.name,
          skip,
          error: undefined,
          closedInTeardown: 0,
          teardownFailures: [],
          observations: [],
          exchanges,
          tokensLeft: [],
          sessionsLeft: 0,
        });
        continue;
      }
      if (!runner) throw new Error(`scenario ${loaded.scenario.name} produced no runner`);
      const outcome = runner.outcome;
      const tokens = [...(await tokensOf(transport, target.baseUrl, { "x-api-key": SEEDED_API_TOKEN.value }))];
      const other = seededUsers.other as { username: string; password: string };
      const login = await transport.send(
        {
          method: "POST",
          url: `${target.baseUrl}/session/login`,
          headers: { "content-type": "application/json" },
          body: JSON.stringify(other),
        },
        "check",
      );
      const bearer = { authorization: `Bearer ${(login.response.parsed as { token: string }).token}` };
      tokens.push(...(await tokensOf(transport, target.baseUrl, bearer)));
      await transport.send({ method: "POST", url: `${target.baseUrl}/session/logout`, headers: bearer }, "check");
      results.push({
        scenario: loaded.scenario.name,
        error,
        ...(failure ? { failureKind: failure.kind } : {}),
        ...(failure?.location ? { failedAtLine: failure.location.line } : {}),
        closedInTeardown: outcome.closedInTeardown,
        teardownFailures: outcome.teardownFailures,
        observations: outcome.observations,
        exchanges,
        tokensLeft: tokens.filter((n) => n !== SEEDED_API_TOKEN.name),
        sessionsLeft: await run.openSessions(),
      });
    }
  } finally {
    await run.stop();
  }
  return results;
}
