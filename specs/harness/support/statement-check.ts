import { readFileSync } from "node:fs";
import { join } from "node:path";

interface SummaryService {
  target: string;
  title: string;
  ids: { passed: string[]; failed: string[]; deviations: string[]; skipped: string[] };
  scenarios: { total: number; passed: number };
}
interface Summary {
  verdict: { exitCode: number; meaning: string };
  services: SummaryService[];
}

/** Markdown's escapes undone: the statement escapes what Markdown would read as markup. */
const plain = (text: string) => text.replace(/\\(.)/g, "$1");

type IdVerdict = "failed" | "deviations" | "skipped" | "passed";
function bucket(cell: string): IdVerdict {
  if (cell === "FAILED") return "failed";
  if (cell.startsWith("deviation")) return "deviations";
  if (cell === "skipped") return "skipped";
  return "passed";
}

/**
 * Where reports/statement.md says something else than reports/summary.json: the verdict (word,
 * exit code, meaning), and per target and service the id counts, the scenario counts and each
 * id's verdict. Empty when the document a release manager signs is the run's own result.
 */
export function statementDisagreements(reports: string): string[] {
  const summary = JSON.parse(readFileSync(join(reports, "summary.json"), "utf8")) as Summary;
  const lines = readFileSync(join(reports, "statement.md"), "utf8").split("\n").map(plain);
  const problems: string[] = [];
  const verdict = lines.find((l) => l.startsWith("Verdict: "));
  const expected = `(exit code ${summary.verdict.exitCode}) — ${summary.verdict.meaning}`;
  if (!verdict?.endsWith(expected)) problems.push(`verdict: statement says "${verdict}", summary.json "${expected}"`);
  for (const service of summary.services) {
    const at = lines.indexOf(`### ${service.target} — ${service.title}`);
    if (at < 0) {
      problems.push(`no section for ${service.target} — ${service.title}`);
      continue;
    }
    const { ids, scenarios } = service;
    const total = ids.passed.length + ids.failed.length + ids.deviations.length + ids.skipped.length;
    const counts = `${total} ids — ${ids.passed.length} passed, ${ids.failed.length} failed, ${ids.deviations.length} deviations, ${ids.skipped.length} skipped; ${scenarios.passed}/${scenarios.total} scenarios passed`;
    if (lines[at + 2] !== counts)
      problems.push(`${service.target} ${service.title}: statement counts "${lines[at + 2]}", summary.json "${counts}"`);
    const rows = new Map<string, IdVerdict>();
    for (const line of lines.slice(at + 6)) {
      const cells = line.split(" | ");
      if (!line.startsWith("| ") || cells.length < 5) break;
      rows.set((cells[0] ?? "").slice(2), bucket(cells[2] ?? ""));
    }
    for (const kind of ["passed", "failed", "deviations", "skipped"] as const) {
      const said = [...rows].filter(([, v]) => v === kind).map(([id]) => id);
      if (JSON.stringify(said.sort()) !== JSON.stringify([...ids[kind]].sort()))
        problems.push(`${service.target} ${service.title} ${kind}: statement ${said.join(",")}, summary.json ${ids[kind].join(",")}`);
    }
  }
  return problems;
}
