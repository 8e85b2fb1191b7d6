import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EngineHooks } from "../../engine/hooks.ts";
import { ScenarioRunner } from "../../engine/run-scenario.ts";
import { VirtualTime } from "../../engine/time.ts";
import type { Exchange } from "../../http/exchange.ts";
import { Transport } from "../../http/transport.ts";
import { controlmMock } from "../../mocks/controlm/index.ts";
import { SEEDED_API_TOKEN, seededUsers } from "../../mocks/controlm/state.ts";
import { startMock } from "../../mocks/core/server.ts";
import { type LoadedSuite, loadSuiteFile } from "../../scenario/load.ts";
import { mockTarget } from "../../targets/mock-target.ts";
import { systemClock } from "../../time/clock.ts";
import { controlm } from "./index.ts";

/** Test support: runs Control-M scenarios through the engine against an in-process mock. */

export function suiteFrom(yaml: string): LoadedSuite {
  const path = join(mkdtempSync(join(tmpdir(), "sp-ctm-")), "suite.yaml");
  writeFileSync(path, `vendor: controlm\nservice: authentication\nscenarios:\n${yaml}`);
  return loadedOrThrow(path);
}

export function loadedOrThrow(path: string): LoadedSuite {
  const { suite, problems } = loadSuiteFile(path);
  if (!suite) throw new Error(problems.map((p) => `${p.file}:${p.position.line}: ${p.message}`).join("\n"));
  return suite;
}

export interface RunResult {
  scenario: string;
  error: string | undefined;
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
  return ((list.response.parsed as { tokens?: { tokenName: string }[] }).tokens ?? []).map((t) => t.tokenName);
}

export async function runSuite(suite: LoadedSuite, options: { defects?: string[]; mockOptions?: Record<string, string>; targetOptions?: Record<string, unknown> } = {}): Promise<RunResult[]> {
  const running = await startMock(controlmMock, { defects: options.defects ?? [], options: options.mockOptions ?? {} });
  const target = { ...mockTarget(running), options: options.targetOptions ?? {} };
  const transport = new Transport({ timeoutMs: target.stepTimeoutMs, clock: systemClock, tls: target.tls });
  const control = target.controlUrl as string;
  const results: RunResult[] = [];
  try {
    for (const loaded of suite.scenarios) {
      await transport.send({ method: "POST", url: `${control}/reset`, headers: {} }, "reset");
      const time = new VirtualTime(control, transport);
      await time.start();
      const exchanges: Exchange[] = [];
      const hooks: EngineHooks = { step: (_t, _l, body) => body(), exchange: async (e) => void exchanges.push(e), note: () => {}, log: () => {} };
      const runner = new ScenarioRunner({ suite, loaded, target, driver: controlm, transport, time, hooks });
      let error: string | undefined;
      try {
        await runner.execute();
      } catch (e) {
        error = (e as Error).message;
      }
      const outcome = await runner.teardown();
      const tokens = [...(await tokensOf(transport, running.baseUrl, { "x-api-key": SEEDED_API_TOKEN.value }))];
      const other = seededUsers.other as { username: string; password: string };
      const login = await transport.send({ method: "POST", url: `${running.baseUrl}/session/login`, headers: { "content-type": "application/json" }, body: JSON.stringify(other) }, "check");
      const bearer = { authorization: `Bearer ${(login.response.parsed as { token: string }).token}` };
      tokens.push(...(await tokensOf(transport, running.baseUrl, bearer)));
      await transport.send({ method: "POST", url: `${running.baseUrl}/session/logout`, headers: bearer }, "check");
      const sessions = await transport.send({ method: "GET", url: `${control}/sessions`, headers: {} }, "sessions");
      results.push({
        scenario: loaded.scenario.name,
        error,
        closedInTeardown: outcome.closedInTeardown,
        teardownFailures: outcome.teardownFailures,
        observations: outcome.observations,
        exchanges,
        tokensLeft: tokens.filter((n) => n !== SEEDED_API_TOKEN.name),
        sessionsLeft: Number((sessions.response.parsed as { open?: number }).open),
      });
    }
  } finally {
    await transport.close();
    await running.close();
  }
  return results;
}
