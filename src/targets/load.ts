import { readFileSync } from "node:fs";
import { dirname, relative } from "node:path";
import { Ajv } from "ajv";
import { InputError } from "../errors/errors.ts";
import { LineCounter, parseDocument } from "yaml";
import { expected } from "../scenario/ajv-messages.ts";
import { locate, pointerToPath } from "../scenario/positions.ts";
import { type TargetEntry, TargetsFileSchema } from "./schema.ts";
import { resolveEntries } from "./resolve.ts";
import type { ResolvedTarget } from "./types.ts";

/** The targets file is wrong: every problem at once, with file:line:column, before any request is sent (exit code 2). */
export class TargetsError extends InputError {
  constructor(message: string) {
    super("SP_TARGETS", message);
  }
}

const validate = new Ajv({ allErrors: true, strict: false, verbose: true }).compile(TargetsFileSchema);
/** What a targets file holds: said when it is empty. */
const WHOLE_TARGETS_FILE = "a targets file needs targets: a list of targets, each with name:, vendor: and baseUrl:";

/**
 * Reads a targets file. Every problem is reported at once, with file:line:column,
 * before any request is sent: a bad shape, a literal credential (secrets come only
 * from the environment), a variable that is not set, an unreadable CA file. `onChecked` receives the
 * file's entries once all of it is right (the runner hands them to its workers: src/targets/handed.ts).
 */
export function loadTargets(
  path: string,
  env: NodeJS.ProcessEnv = process.env,
  onChecked?: (entries: readonly TargetEntry[], source: string) => void,
): ResolvedTarget[] {
  const file = relative(process.cwd(), path) || path;
  let source: string;
  try {
    source = readFileSync(path, "utf8");
  } catch (error) {
    throw new TargetsError(`${file}: cannot read the targets file: ${(error as Error).message}`);
  }
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false });
  const where = (p: (string | number)[]) => {
    const { line, column } = locate(doc, lines, p);
    return `${file}:${line}:${column}`;
  };
  const [first] = doc.errors;
  if (first) {
    const { line, col } = lines.linePos(first.pos[0]);
    const flowHint = /\{\s*[\w-]+:\s*\$\{/.test(source.split("\n")[line - 1] ?? "") ? ' (inside { … } write "${env:NAME}" in quotes)' : "";
    const more = doc.errors.length > 1 ? `; ${doc.errors.length - 1} more error(s) follow from it` : "";
    throw new TargetsError(`${file}:${line}:${col}: YAML syntax: ${first.message.split("\n")[0]}${flowHint}${more}`);
  }
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (error) {
    throw new TargetsError(`${file}: the YAML cannot be read: ${(error as Error).message}`);
  }
  if (!validate(data)) {
    const errors = (validate.errors ?? []).filter(
      (e) =>
        (e.keyword !== "const" && e.keyword !== "type") ||
        !(validate.errors ?? []).some((u) => u.keyword === "anyOf" && u.instancePath === e.instancePath),
    );
    throw new TargetsError(errors.map((e) => `${where(pointerToPath(e.instancePath))}: ${expected(e, WHOLE_TARGETS_FILE)}`).join("\n"));
  }
  const entries = (data as { targets: TargetEntry[] }).targets;
  const { targets, problems } = resolveEntries(entries, { env, baseDir: dirname(path), where });
  if (problems.length) throw new TargetsError(problems.join("\n"));
  onChecked?.(entries, source);
  return targets;
}
