import { type Bench, BENCH_CONFIG, MOCK_USER, NODE, PLAYWRIGHT_CLI, ROOT } from "../context.ts";
import { lineAt, PASSED, runShape } from "../playwright-output.ts";
import { runCommand, type Server } from "../proc.ts";
import { type SectionReport, verdict } from "../report.ts";
import { cell, RATIO, SECONDS, median, seconds } from "../stats.ts";

const RATIO_GOAL = 1.15;

export interface ExpirySetup {
  /** Concurrent waits in one generation: as many as workers. */
  parallel: number;
  /** Generations of `parallel` waits in the run: each is one sample of row 6. */
  generations: number;
  tMs: number;
  marginMs: number;
}

/** One generation: `parallel` scenarios that met at the rendezvous, logged in, waited and were refused. */
export interface ExpiryGeneration {
  ok: boolean;
  /** First login → last refused use, by the mock's journal. */
  windowMs: number;
  loginSkewMs: number;
  /** Last refused use − last login − the wait: what the last scenario spent besides waiting. */
  tailMs: number;
}

export interface ExpiryRun {
  ok: boolean;
  generations: ExpiryGeneration[];
  wallMs: number;
  firstTestStartMs: number;
  passedAtMs: number;
}

interface JournalEntry {
  at: string;
  method: string;
  path: string;
  status: number;
}

/**
 * Splits the journal into generations: logins in time order, `parallel` to a generation
 * (the rendezvous lets a generation log in only when all of it has arrived, so they do
 * not interleave), and each refused use to the latest generation that had begun by then.
 */
export function generationsOf(entries: readonly JournalEntry[], setup: ExpirySetup, failures: string[]): ExpiryGeneration[] {
  const at = (e: JournalEntry) => Date.parse(e.at);
  const logins = entries.filter((e) => e.method === "POST" && e.path === "/session/login" && e.status === 200).map(at);
  const refused = entries.filter((e) => e.method === "GET" && e.path === "/config/servers" && e.status === 401).map(at);
  logins.sort((a, b) => a - b);
  refused.sort((a, b) => a - b);
  const generations: ExpiryGeneration[] = [];
  for (let g = 0; g < setup.generations; g++) {
    const own = logins.slice(g * setup.parallel, (g + 1) * setup.parallel);
    const from = own[0] ?? Number.NaN;
    const until = logins[(g + 1) * setup.parallel] ?? Number.POSITIVE_INFINITY;
    const uses = refused.filter((t) => t >= from && t < until);
    const ok = own.length === setup.parallel && uses.length >= setup.parallel;
    if (!ok)
      failures.push(
        `expiry generation ${g + 1}: the mock saw ${own.length} logins and ${uses.length} refused uses; expected ${setup.parallel} and at least ${setup.parallel}`,
      );
    const lastLogin = Math.max(...own);
    const lastUse = Math.max(...uses);
    generations.push({
      ok,
      windowMs: lastUse - from,
      loginSkewMs: lastLogin - from,
      tailMs: lastUse - lastLogin - (setup.tMs + setup.marginMs),
    });
  }
  return generations;
}

/**
 * The whole section in one Playwright run: `generations × parallel` waiting scenarios on
 * `parallel` workers, so the workers start once, not once per sample. Playwright directly
 * (as the peer comparison does), not `sessionprobe run`: the CLI's Allure report comes
 * after the last wait and is outside what row 6 measures.
 */
export async function measureExpiry(bench: Bench, dir: string, targets: string, mock: Server, setup: ExpirySetup): Promise<ExpiryRun> {
  await fetch(`${mock.url}/__sessionprobe/reset`, { method: "POST" }); // empties the journal
  const scenarios = setup.parallel * setup.generations;
  const result = await runCommand(NODE, [PLAYWRIGHT_CLI, "test", "-c", BENCH_CONFIG, "--workers", String(setup.parallel)], {
    cwd: ROOT,
    env: bench.env("expiry", {
      BENCH_SUITES: dir,
      SESSIONPROBE_TARGETS: targets,
      SP_BENCH_USER: MOCK_USER.username,
      SP_BENCH_PASSWORD: MOCK_USER.password,
    }),
  });
  const ran = bench.check("expiry: playwright test against the --idle mock", result, new RegExp(`${scenarios} passed`));
  const journal = (await (await fetch(`${mock.url}/__sessionprobe/journal`)).json()) as { entries: JournalEntry[] };
  // A standalone mock's clock is the system clock: its journal times the waits, and the bench never reads the clock itself.
  const generations = generationsOf(journal.entries, setup, bench.failures);
  return {
    ok: ran && generations.every((g) => g.ok),
    generations,
    wallMs: result.wallMs,
    firstTestStartMs: runShape(result).firstStartMs,
    passedAtMs: lineAt(result, PASSED),
  };
}

export function reportExpiry(runs: readonly ExpiryRun[], setup: ExpirySetup, cores: string): SectionReport {
  const gens = runs.flatMap((r) => r.generations);
  const ok = runs.length > 0 && runs.every((r) => r.ok);
  const ratios = gens.map((g) => g.windowMs / setup.tMs);
  const byGeneration = gens.map((g, i) => `${i + 1}: ${seconds(g.windowMs)}`).join(", ");
  return {
    rows: [
      {
        n: "6",
        what: `Real-time expiry: ${setup.parallel} scenarios waiting out T = ${setup.tMs / 1000} s idle (+ ${setup.marginMs} ms expiryMargin) at once, ${setup.parallel} workers, against a standalone \`--idle ${setup.tMs / 1000}s\` mock: waiting part ÷ T`,
        runs: `${gens.length} generations of ${runs.length} run${runs.length === 1 ? "" : "s"}`,
        sessionprobe: cell(
          gens.map((g) => g.windowMs),
          SECONDS,
        ),
        baseline: `T = ${seconds(setup.tMs)}`,
        ratio: cell(ratios, RATIO),
        goal: `≤ ${RATIO_GOAL}`,
        verdict: verdict(ok, median(ratios) <= RATIO_GOAL),
      },
    ],
    details: [
      `**6. Expiry**: the waiting part is timed by the mock's journal (a standalone mock runs on the system clock): from a generation's first login to its last refused use, so no start-up is in it. ` +
        `One run holds ${setup.generations} generations of ${setup.parallel} waits (${setup.parallel * setup.generations} scenarios on ${setup.parallel} workers; the harness's rendezvous lets a generation log in together): the workers start once, not once per sample. ` +
        `The first generation is the one whose workers have just started; by generation: ${byGeneration}. ` +
        `Ideal (T + margin) ÷ T = ${ratio(setup)}. A generation's ${setup.parallel} logins spread over ${cell(
          gens.map((g) => g.loginSkewMs),
          SECONDS,
        )}; after the last wait its scenario needed ${cell(
          gens.map((g) => g.tailMs),
          SECONDS,
        )} more. ` +
        `Outside the waiting part: the whole \`playwright test\` took ${cell(
          runs.map((r) => r.wallMs),
          SECONDS,
        )}; the first test started ${cell(
          runs.map((r) => r.firstTestStartMs),
          SECONDS,
        )} after the spawn (runner + ${setup.parallel} workers starting on ${cores} cores); after the "passed" line ${cell(
          runs.map((r) => r.wallMs - r.passedAtMs),
          SECONDS,
        )}.`,
    ],
  };
}

const ratio = (setup: ExpirySetup) => ((setup.tMs + setup.marginMs) / setup.tMs).toFixed(2);
