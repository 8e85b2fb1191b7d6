import { expect, test } from "@playwright/test";
import type { ExchangeRecord, ScenarioObservation, TargetRecord, TimeoutResult } from "../observe/types.ts";
import { RECORD_FORMAT } from "../observe/types.ts";
import { compareRecords } from "./compare.ts";
import { formatDiff } from "./format.ts";

const exchange = (over: Partial<ExchangeRecord> = {}): ExchangeRecord => ({
  label: "use management-console",
  role: "step",
  request: "GET /rest/api/uom/ManagementConsole",
  status: 200,
  contentType: "application/atom+xml",
  headers: ["content-type", "date", "etag"],
  cookies: { JSESSIONID: { httpOnly: true, secure: true, path: "/rest", cleared: false, expires: false } },
  body: { $: "xml", "/feed": "element {http://www.w3.org/2005/Atom}" },
  values: {},
  ...over,
});

const scenario = (covers: string[], exchanges: ExchangeRecord[], over: Partial<ScenarioObservation> = {}): ScenarioObservation => ({
  service: "hmc/logon",
  name: `scenario ${covers.join(" ")}`,
  covers,
  observes: [],
  outcome: "passed",
  steps: [{ step: 1, title: "use management-console", exchanges, observations: {} }],
  ...over,
});

const record = (...scenarios: ScenarioObservation[]): TargetRecord => ({
  format: RECORD_FORMAT,
  target: "hmc",
  vendor: "hmc",
  serverVersions: [],
  scenarios: Object.fromEntries(scenarios.map((s) => [`hmc/logon › ${s.name}`, s])),
});

test("an unasserted change to a DOC behaviour — a header gone, a cookie attribute dropped — is a regression", () => {
  const before = record(scenario(["HMC-05"], [exchange()]));
  const after = record(
    scenario(
      ["HMC-05"],
      [
        exchange({
          headers: ["content-type", "date"],
          cookies: { JSESSIONID: { httpOnly: true, secure: false, path: "/rest", cleared: false, expires: false } },
        }),
      ],
    ),
  );
  const diff = compareRecords(before, after);
  expect(diff.changes.map((c) => `${c.ids} ${c.severity} ${c.kind}: ${c.detail}`)).toEqual([
    "HMC-05 regression cookies: JSESSIONID: HttpOnly Secure Path=/rest → HttpOnly Path=/rest",
    "HMC-05 regression headers: − etag",
  ]);
  expect(formatDiff(diff)).toContain("the comparison fails");
});

test("an aspect a scenario observes is OPEN for its behaviour: changed, it is for review, wherever it changes", () => {
  const observed = scenario(["HMC-06"], [exchange({ status: 401 })], { name: "observes", observes: ["status"] });
  const probe = (status: number) => exchange({ role: "probe", verdict: status === 200 ? "ok" : "unauthenticated", status });
  const before = record(observed, scenario(["HMC-04"], [exchange({ label: "logon", status: 401 }), probe(401)]));
  const after = record(
    { ...observed, steps: [{ step: 1, title: "t", exchanges: [exchange({ status: 403 })], observations: {} }] },
    scenario(["HMC-04"], [exchange({ label: "logon", status: 401 }), probe(403)]),
  );
  const diff = compareRecords(before, after);
  // The HMC-04 scenario's probe answers for HMC-06 (a bad session), where the status is observed.
  expect(diff.changes.map((c) => `${c.ids} ${c.severity} ${c.kind}: ${c.detail}`).sort()).toEqual([
    "HMC-06 review status: 401 → 403",
    "HMC-06 review status: 401 → 403",
  ]);
  expect(diff.counts).toEqual({ regression: 0, review: 2, info: 0 });
});

test("observations are for review, versions and partial runs are notes, timeouts follow their behaviour", () => {
  const measured = (ms: number | null): TimeoutResult => ({
    documentedMs: 1_800_000,
    measuredMs: ms,
    aliveAtMs: ms === null ? 86_400_000 : ms - 1000,
    resolutionMs: 1000,
    method: "bisection",
  });
  const withObservation = (value: number) =>
    scenario(["CTM-S-06"], [exchange({ values: { "$.version": value === 401 ? "9.22.30" : "9.22.100" } })], {
      service: "controlm/session",
      steps: [
        {
          step: 1,
          title: "t",
          exchanges: [exchange({ values: { "$.version": value === 401 ? "9.22.30" : "9.22.100" } })],
          observations: { "status after 120%": value },
        },
      ],
    });
  const before: TargetRecord = {
    ...record(withObservation(401), scenario(["HMC-01"], [exchange()])),
    timeouts: { "controlm/session": { idle: measured(1_800_000), absolute: measured(1_800_000) } },
  };
  const after: TargetRecord = {
    ...record(withObservation(200)),
    timeouts: { "controlm/session": { idle: measured(1_800_500), absolute: measured(null) } },
  };
  const diff = compareRecords(before, after);
  expect(diff.changes.map((c) => `${c.ids.join(" ") || "target"} ${c.severity} ${c.kind}: ${c.detail}`)).toEqual([
    "CTM-S-06 review timeout: 30m → none up to 1d",
    'CTM-S-06 review observation: "status after 120%": 401 → 200',
    "HMC-01 info scenario: not in this run (a partial run, or the scenario was removed)",
    "target info version: $.version: 9.22.30 → 9.22.100",
  ]);
});
