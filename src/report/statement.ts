import { createHash } from "node:crypto";
import { findBehaviour, findService } from "../catalogue/behaviours.ts";
import { formatDuration } from "../time/duration.ts";
import type { DeviationVerdict } from "./deviations.ts";
import { deviationProblem } from "./deviations.ts";
import type { Block, Inline } from "./document.ts";
import { type buildEvidence, harnessBuild } from "./evidence.ts";
import type { Headline } from "./headline.ts";
import type { ScenarioRecord, ServiceSummary } from "./summary-model.ts";
import type { Verdict } from "./verdict.ts";

/** One HTTP exchange a scenario attached, by its title and the SHA-256 of the (redacted) attachment the report holds. */
export interface ExchangeFingerprint {
  name: string;
  sha256: string;
}

export interface StatementInput {
  verdict: Verdict;
  headline: Headline;
  evidence: ReturnType<typeof buildEvidence>;
  records: readonly ScenarioRecord[];
  services: readonly ServiceSummary[];
  deviations: readonly DeviationVerdict[];
  exchangesOf: (record: ScenarioRecord) => readonly ExchangeFingerprint[];
}

/** "11 ids — 5 passed, 1 failed, 0 deviations, 5 skipped; 7/13 scenarios passed": the counts, as summary.json has them. */
export function serviceCounts(s: ServiceSummary): string {
  const { ids, scenarios } = s;
  const total = ids.passed.length + ids.failed.length + ids.deviations.length + ids.skipped.length;
  return `${total} ids — ${ids.passed.length} passed, ${ids.failed.length} failed, ${ids.deviations.length} deviations, ${ids.skipped.length} skipped; ${scenarios.passed}/${scenarios.total} scenarios passed`;
}

/** The catalogue's passage as written: its `code` spans stay code, in Markdown and in HTML. */
function passage(text: string): Inline[] {
  return text
    .split("`")
    .map((part, i): Inline => (i % 2 ? { code: part } : part))
    .filter((part) => part !== "");
}

function idVerdict(s: ServiceSummary, id: string, deviations: readonly DeviationVerdict[]): string {
  const ids =
    s.ids.passed.includes(id) || s.ids.failed.includes(id) || s.ids.deviations.includes(id) || s.ids.skipped.includes(id)
      ? s.ids
      : s.teamIds;
  if (ids.failed.includes(id)) return "FAILED";
  if (ids.deviations.includes(id)) {
    const tickets = deviations.filter((d) => d.target === s.target && d.id === id).map((d) => d.ticket);
    return `deviation (${tickets.join(", ") || "waived"})`;
  }
  if (ids.skipped.includes(id)) return "skipped";
  return ids.observed.includes(id) ? "passed (OPEN part observed)" : "passed";
}

function scenarioOutcome(r: ScenarioRecord): string {
  if (r.deviation) return `deviation: ${r.deviation}`;
  if (r.status === "skipped") return `skipped: ${r.skipReason ?? "skipped"}`;
  if (r.status === "passed") return r.flaky ? `passed on attempt ${r.attempts} (flaky)` : "passed";
  const ids = r.failedIds?.join(" ") ?? r.covers.join(" ");
  return r.failureKind === "expectation" ? `FAILED: ${ids} broken` : `no verdict: ${r.failureKind ?? "harness"} failure (${r.failureCode})`;
}

function head(input: StatementInput): Block[] {
  const { evidence, headline, verdict, records } = input;
  const suites = createHash("sha256")
    .update(evidence.scenarioFiles.map((f) => `${f.sha256}  ${f.path}`).join("\n"))
    .digest("hex");
  const wall = Date.parse(evidence.endedAt) - Date.parse(evidence.startedAt);
  const count = (pick: (r: ScenarioRecord) => boolean) => records.filter(pick).length;
  const merged = "merged" in evidence ? evidence.merged : undefined;
  return [
    { kind: "heading", level: 1, text: "Conformance statement" },
    {
      kind: "paragraph",
      tone: verdict.exitCode === 0 ? "pass" : "fail",
      parts: [`Verdict: ${headline.verdict} (exit code ${verdict.exitCode}) — ${verdict.meaning}`],
    },
    {
      kind: "facts",
      rows: [
        ...headline.facts.slice(1).map(([key, value]): [string, Inline[]] => [key, [value]]),
        ["run", [`${evidence.startedAt} → ${evidence.endedAt} (${formatDuration(wall)})`]],
        [
          "scenarios",
          [
            `${records.length}: ${count((r) => r.status === "passed")} passed, ${count((r) => !r.deviation && r.status !== "passed" && r.status !== "skipped")} failed, ${count((r) => !!r.deviation)} deviations, ${count((r) => r.status === "skipped")} skipped, ${count((r) => !!r.flaky)} flaky`,
          ],
        ],
        ["harness", [harnessBuild(evidence.harness)]],
        ["harness commit", [{ code: evidence.harness.commit }]],
        ["harness sources sha256", [{ code: evidence.harness.sourceSha256 ?? "not recorded" }]],
        ["scenario files sha256", [{ code: suites }, ` (${evidence.scenarioFiles.length} files, listed below)`]],
        ["targets file sha256", evidence.targetsFileSha256 ? [{ code: evidence.targetsFileSha256 }] : ["none: the built-in mocks"]],
        [
          "reports",
          merged
            ? [
                `merged by sessionprobe merge from ${merged.reports.map((r) => `${r.folder}${r.shard ? ` (shard ${r.shard})` : ""}`).join(", ")}`,
              ]
            : [`one run${"shard" in evidence && evidence.shard ? `, shard ${evidence.shard}` : ""}`],
        ],
      ],
    },
  ];
}

function targets(input: StatementInput): Block[] {
  const { evidence } = input;
  return [
    { kind: "heading", level: 2, text: "Targets" },
    {
      kind: "table",
      headers: [
        "target",
        "vendor",
        "base URL",
        "kind",
        "release reported",
        "TLS verified",
        "sessions closed in teardown",
        "sessions left open",
      ],
      rows: evidence.targets.map((t) => {
        const sessions = evidence.sessions.find((s) => s.target === t.name);
        return [
          [t.name],
          [t.vendor],
          [t.baseUrl],
          [t.kind],
          [t.serverVersions.join(", ") || "none reported"],
          [t.tlsVerified ? "yes" : "NO (tls.insecure)"],
          [String(sessions?.closedInTeardown ?? 0)],
          [sessions?.leftOpen === null || sessions?.leftOpen === undefined ? "unknown (no control plane)" : String(sessions.leftOpen)],
        ];
      }),
    },
  ];
}

function deviations(input: StatementInput): Block[] {
  const list = input.deviations;
  return [
    { kind: "heading", level: 2, text: "Known deviations" },
    list.length
      ? {
          kind: "table",
          headers: ["target", "id", "ticket", "until", "reason", "this run"],
          rows: list.map((d) => [
            [d.target],
            [d.id],
            [d.ticket],
            [d.until],
            [d.reason],
            [d.state === "stale" || d.state === "expired" ? `${d.state.toUpperCase()}: ${deviationProblem(d)}` : d.state],
          ]),
        }
      : { kind: "paragraph", parts: ["None declared: every failure counts."] },
  ];
}

function behaviours(input: StatementInput): Block[] {
  const blocks: Block[] = [{ kind: "heading", level: 2, text: "Behaviours" }];
  const hasIds = (ids: ServiceSummary["ids"]) => Object.values(ids).some((list) => list.length);
  // A service whose scenarios covered only the team's ids is told under "Team behaviours" alone.
  for (const s of input.services.filter((x) => hasIds(x.ids) || !hasIds(x.teamIds))) {
    const [vendor = "", service = ""] = s.service.split("/");
    const info = findService(vendor, service);
    const ids = [...s.ids.failed, ...s.ids.deviations, ...s.ids.passed, ...s.ids.skipped].sort();
    blocks.push(
      { kind: "heading", level: 3, text: `${s.target} — ${s.title}` },
      { kind: "paragraph", parts: [serviceCounts(s)] },
      {
        kind: "table",
        headers: ["id", "sureness", "verdict", "scenarios", "vendor documentation"],
        rows: ids.map((id) => {
          const behaviour = findBehaviour(id);
          const covering = input.records.filter((r) => r.target === s.target && r.service === s.service && r.covers.includes(id));
          return [
            [id],
            [behaviour?.sureness ?? "not in the catalogue"],
            [idVerdict(s, id, input.deviations)],
            [String(covering.length)],
            [...passage(behaviour?.text ?? ""), ...(info ? [" — ", { text: info.title, href: info.docUrl }] : [])],
          ];
        }),
      },
    );
  }
  return blocks;
}

/** The team's own behaviours, apart from the vendor's: each with the document or ticket it comes from instead of the vendor's page. */
function teamBehaviours(input: StatementInput): Block[] {
  const withTeamIds = input.services.filter((s) => Object.values(s.teamIds).some((ids) => ids.length));
  if (!withTeamIds.length) return [];
  const blocks: Block[] = [
    { kind: "heading", level: 2, text: "Team behaviours" },
    {
      kind: "paragraph",
      parts: ["The team's own behaviours (its behaviours file), not the vendor's: a failed DOC or WIRE one fails the run the same way."],
    },
  ];
  for (const s of withTeamIds) {
    const { teamIds } = s;
    const ids = [...teamIds.failed, ...teamIds.deviations, ...teamIds.passed, ...teamIds.skipped].sort();
    blocks.push(
      { kind: "heading", level: 3, text: `${s.target} — ${s.title} — team behaviours` },
      {
        kind: "table",
        headers: ["id", "sureness", "verdict", "scenarios", "behaviour and source"],
        rows: ids.map((id) => {
          const behaviour = findBehaviour(id);
          const covering = input.records.filter((r) => r.target === s.target && r.service === s.service && r.covers.includes(id));
          return [
            [id],
            [behaviour?.sureness ?? "not in the team's file"],
            [idVerdict(s, id, input.deviations)],
            [String(covering.length)],
            [...passage(behaviour?.text ?? ""), ...(behaviour?.source ? [" — source: ", { code: behaviour.source } as Inline] : [])],
          ];
        }),
      },
    );
  }
  return blocks;
}

function evidenceList(input: StatementInput): Block[] {
  const blocks: Block[] = [
    { kind: "heading", level: 2, text: "Evidence" },
    {
      kind: "paragraph",
      parts: [
        "Each scenario with its YAML line, how it ended, and the SHA-256 of every HTTP exchange it attached (secrets already replaced by fingerprints): the same attachments the Allure report shows.",
      ],
    },
  ];
  for (const s of input.services) {
    const mine = input.records.filter((r) => r.target === s.target && r.service === s.service);
    blocks.push(
      { kind: "heading", level: 3, text: `${s.target} — ${s.title}` },
      {
        kind: "list",
        items: mine.map((r) => {
          const exchanges = input.exchangesOf(r);
          const where = [
            r.location ? [" at ", { code: r.location } as Inline] : [],
            r.failedAt ? [", failed at ", { code: r.failedAt } as Inline] : [],
          ].flat();
          return {
            parts: [r.title, ...where, ` — ${scenarioOutcome(r)}`, exchanges.length ? ` — ${exchanges.length} exchange(s)` : ""],
            sub: exchanges.map((e): Inline[] => [e.name, " ", { code: `sha256:${e.sha256}` }]),
          };
        }),
      },
    );
  }
  return blocks;
}

function waitsAndFiles(input: StatementInput): Block[] {
  const waits = input.evidence.realTimeWaits;
  return [
    { kind: "heading", level: 2, text: "Real-time waits" },
    {
      kind: "paragraph",
      parts: [
        waits.scenarios
          ? `${waits.scenarios} scenario(s) waited ${formatDuration(waits.totalMs)} in all, within ${formatDuration(waits.windowMs)} of wall time (${waits.overlapRatio ?? 1}× the longest single wait, ${formatDuration(waits.longestMs)}); the whole run took ${formatDuration(waits.wallMs)}.`
          : `No scenario waited in real time (the built-in mocks' clocks are virtual, or no expiry was waited out); the whole run took ${formatDuration(waits.wallMs)}.`,
      ],
    },
    { kind: "heading", level: 2, text: "Scenario files" },
    { kind: "table", headers: ["file", "sha256"], rows: input.evidence.scenarioFiles.map((f) => [[f.path], [{ code: f.sha256 }]]) },
    { kind: "heading", level: 2, text: "Sign-off" },
    {
      kind: "paragraph",
      parts: ["Reviewed by: ______________________   Role: ______________   Date: ____________   Decision: accept / reject"],
    },
  ];
}

/** The conformance statement of a run: one document a release manager reads, signs and attaches. */
export function buildStatement(input: StatementInput): Block[] {
  return [
    ...head(input),
    ...targets(input),
    ...deviations(input),
    ...behaviours(input),
    ...teamBehaviours(input),
    ...evidenceList(input),
    ...waitsAndFiles(input),
  ];
}
