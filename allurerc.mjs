// Allure 3 report configuration (the `allure` npm package; no Java).
// singleFile: index.html opens by double-click (the default report fetches its data and
// stays on a spinner from file://). groupBy: vendor → service → behaviour id.
// Paths follow SESSIONPROBE_REPORTS (default reports/), as every command does.
import { resolve } from "node:path";
import { defineConfig } from "allure";

const reports = resolve(process.env.SESSIONPROBE_REPORTS ?? "reports");

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

/**
 * A scenario covers a behaviour the catalogue marks DOC or WIRE: its failure is a broken documented behaviour.
 * Every scenario's result carries one `sureness` label per covered id, taken from the catalogue when it ran
 * (src/report/allure-metadata.ts), so the labels alone decide, here and in a plain `npx allure`: Allure then
 * runs under plain Node, without a TypeScript loader (which cost each Allure process over a second).
 */
const assertsDocOrWire = (labels) => labels.some((l) => l.name === "sureness" && /DOC|WIRE/.test(l.value));

export default defineConfig({
  name: "sessionprobe conformance",
  output: `${reports}/allure-report`,
  // History and trend across runs; a CI keeps this file between runs (README: "Allure history in CI").
  // Not for `allure quality-gate` (sessionprobe sets SESSIONPROBE_ALLURE_GATE): one run, one history point.
  ...(process.env.SESSIONPROBE_ALLURE_GATE ? {} : { historyPath: `${reports}/history.jsonl` }),
  categories: [
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
        filter: (tr) =>
          assertsDocOrWire(tr.labels) &&
          failureKind({ status: tr.status, labels: tr.labels, message: tr.error?.message, trace: tr.error?.trace }) === "expectation",
      },
    ],
  },
  plugins: {
    awesome: {
      options: {
        singleFile: true,
        reportName: "sessionprobe conformance",
        reportLanguage: "en",
        groupBy: ["epic", "feature", "story"],
      },
    },
  },
});
