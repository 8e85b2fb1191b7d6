import { findBehaviour } from "../catalogue/behaviours.ts";
import type { BaselineDiff, Change } from "./types.ts";

const TARGET_WIDE = "target-wide";

function heading(group: string): string {
  if (group === TARGET_WIDE) return `${TARGET_WIDE} (server release, not a behaviour)`;
  const ids = group.split(" ");
  const only = ids.length === 1 ? findBehaviour(group) : undefined;
  if (!only) return `${group}${ids.length > 1 ? ` (${ids.map((id) => findBehaviour(id)?.sureness ?? "?").join(" / ")})` : ""}`;
  const text = only.text.replace(/\*\*/g, "").replace(/`/g, "");
  return `${group} [${only.sureness}] ${text.length > 90 ? `${text.slice(0, 90)}…` : text}`;
}

export function summaryLine(diff: BaselineDiff): string {
  const { regression, review, info } = diff.counts;
  if (!diff.changes.length) return `baseline ${diff.target}: no changes`;
  return `baseline ${diff.target}: ${regression} regression${regression === 1 ? "" : "s"}, ${review} change${review === 1 ? "" : "s"} to review, ${info} note${info === 1 ? "" : "s"}`;
}

/**
 * The comparison as a person reads it: grouped by behaviour id (the ids the change
 * concerns), regressions first within a group, each change on two lines — where, then
 * what. The same text goes to the terminal, the Allure report and docs/baselines.md.
 */
export function formatDiff(diff: BaselineDiff, baselinePath?: string): string {
  const lines = [`${summaryLine(diff)}${baselinePath ? ` (against ${baselinePath})` : ""}`];
  const groups = new Map<string, Change[]>();
  for (const change of diff.changes) {
    const key = change.ids.length ? change.ids.join(" ") : TARGET_WIDE;
    groups.set(key, [...(groups.get(key) ?? []), change]);
  }
  for (const [group, changes] of groups) {
    lines.push("", heading(group));
    for (const change of changes) {
      lines.push(
        `  ${change.severity.toUpperCase().padEnd(10)} ${change.kind.padEnd(12)} ${change.where}`,
        `  ${"".padEnd(10)} ${"".padEnd(12)} ${change.detail}`,
      );
    }
  }
  if (diff.counts.regression)
    lines.push(
      "",
      "A DOC or WIRE behaviour changed: the comparison fails. Review the changes; if the new behaviour is right, save a new baseline.",
    );
  return `${lines.join("\n")}\n`;
}
