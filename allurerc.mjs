// Allure 3 report configuration (the `allure` npm package; no Java).
// singleFile: index.html opens by double-click (the default report fetches its data and
// stays on a spinner from file://). groupBy: vendor → service, then one entry per scenario
// (its behaviour ids are in its title, its story labels and its links; grouping by story
// listed a scenario once per id it covers). The title is the run's headline (summary.json).
// Paths follow SESSIONPROBE_REPORTS (default reports/), as every command does.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";

const reports = resolve(process.env.SESSIONPROBE_REPORTS ?? "reports");

/** The verdict as the report's title, from the summary the run (or merge) wrote just before: "sessionprobe: NON-CONFORMANCE — …". */
function headlineTitle() {
  try {
    return JSON.parse(readFileSync(`${reports}/summary.json`, "utf8")).headline?.title ?? "sessionprobe conformance";
  } catch {
    return "sessionprobe conformance";
  }
}
const title = headlineTitle();
// The conformance statement, readable inside the report (Global Attachments) beside its own file.
const statement = [`${reports}/statement.html`, `${reports}/statement.md`].filter((file) => existsSync(file));

/** The kind a failed scenario ended in (src/engine/failure.ts), from its label, else from the error's class name. */
const KIND_BY_CLASS = {
  ExpectationFailure: "expectation",
  TransportFailure: "transport",
  ConfigurationError: "configuration",
  HarnessError: "harness",
};
function failureKind(d) {
  if (d.status === "passed" || d.status === "skipped") return undefined;
  const label = d.labels.find((l) => l.name === "failure-kind")?.value;
  if (label) return label;
  const text = `${d.message ?? ""}\n${d.trace ?? ""}`;
  const byCode = text.match(/SP_(EXPECTATION_FAILED|TRANSPORT_FAILED|CONFIGURATION|HARNESS_BUG)/)?.[1];
  if (byCode)
    return { EXPECTATION_FAILED: "expectation", TRANSPORT_FAILED: "transport", CONFIGURATION: "configuration", HARNESS_BUG: "harness" }[
      byCode
    ];
  const name = Object.keys(KIND_BY_CLASS).find((n) => text.includes(`${n}:`) || text.includes(`${n} `));
  return name ? KIND_BY_CLASS[name] : "harness";
}

/** A failure the targets file declares as a known deviation (the fixture labels it with the ticket): waived, not a finding. */
const isDeviation = (labels) => labels.some((l) => l.name === "deviation");

/**
 * A scenario covers a behaviour the catalogue marks DOC or WIRE: its failure is a broken documented behaviour.
 * Every scenario's result carries one `sureness` label per covered id, taken from the catalogue when it ran
 * (src/report/allure-metadata.ts), so the labels alone decide, here and in a plain `npx allure`: Allure then
 * runs under plain Node, without a TypeScript loader (which cost each Allure process over a second).
 */
const assertsDocOrWire = (labels) => labels.some((l) => l.name === "sureness" && /DOC|WIRE/.test(l.value));
/** The same for the team's own behaviours (its behaviours file): labelled apart, judged by a rule of their own. */
const assertsTeamDocOrWire = (labels) => labels.some((l) => l.name === "team-sureness" && /DOC|WIRE/.test(l.value));
/** A scenario about the team's own behaviours only: its failure is the team's check, not a vendor catalogue id. */
const onlyTeamBehaviours = (labels) => labels.some((l) => l.name === "team-behaviour") && !labels.some((l) => l.name === "sureness");
/** A failed scenario the gate counts: a broken behaviour (an expectation failure), not waived. */
const brokenBehaviour = (tr) =>
  !isDeviation(tr.labels) &&
  failureKind({ status: tr.status, labels: tr.labels, message: tr.error?.message, trace: tr.error?.trace }) === "expectation";

// A plain object, which is all Allure's defineConfig returns: importing the "allure" package runs its command
// line, which src/report/allure-report.mjs (Allure's core, driven directly) must not start.
/** @type {import("@allurereport/plugin-api").Config} */
export default {
  name: title,
  output: `${reports}/allure-report`,
  // History and trend across runs; a CI keeps this file between runs (README: "Allure history in CI").
  historyPath: `${reports}/history.jsonl`,
  ...(statement.length ? { globalAttachments: statement } : {}),
  categories: [
    {
      name: "Known deviations (waived, with their tickets)",
      matchers: (d) => isDeviation(d.labels),
      groupBy: [{ label: "deviation" }],
      expand: true,
    },
    {
      // Before the vendor's defects (the first category that matches takes a result): the team's own checks, grouped by id.
      name: "Team behaviours broken (the team's own checks)",
      matchers: (d) => onlyTeamBehaviours(d.labels) && failureKind(d) === "expectation",
      groupBy: [{ label: "team-behaviour" }],
      expand: true,
    },
    {
      name: "Product defects (non-conformance)",
      matchers: (d) => failureKind(d) === "expectation",
      groupBy: [{ label: "epic" }],
      expand: true,
    },
    { name: "Transport and environment failures", matchers: (d) => failureKind(d) === "transport", groupByMessage: true },
    { name: "Target configuration errors", matchers: (d) => failureKind(d) === "configuration", groupByMessage: true },
    { name: "Harness errors (sessionprobe bugs)", matchers: (d) => failureKind(d) === "harness", groupByMessage: true },
    { name: "Skipped by policy", matchers: { statuses: ["skipped"] }, groupByMessage: true },
    { name: "Flaky (passed on retry)", matchers: { flaky: true } },
  ],
  qualityGate: {
    rules: [
      {
        id: "no-documented-behaviour-broken",
        // A DOC or WIRE behaviour failed: an expectation failure in a scenario covering one. Harness and transport errors are not counted here.
        maxFailures: 0,
        filter: (tr) => assertsDocOrWire(tr.labels) && brokenBehaviour(tr),
      },
      {
        id: "no-team-behaviour-broken",
        // A DOC or WIRE behaviour of the team's own file failed: it fails the gate the same way, under its own rule.
        maxFailures: 0,
        filter: (tr) => assertsTeamDocOrWire(tr.labels) && brokenBehaviour(tr),
      },
    ],
  },
  plugins: {
    awesome: {
      options: {
        singleFile: true,
        reportName: title,
        reportLanguage: "en",
        groupBy: ["epic", "feature"],
      },
    },
  },
};
