import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { relative, resolve } from "node:path";
import type { ErrorObject, ValidateFunction } from "ajv";
import type { Document, LineCounter } from "yaml";
import type { Behaviour, ServiceInfo } from "../vendor-api/behaviour.ts";
import type { TeamBehavioursFile } from "./team-behaviours-schema.ts";

/**
 * A team's own behaviours, declared beside the vendor catalogue in a YAML file that
 * sessionprobe.json names under "behaviours" (or SESSIONPROBE_BEHAVIOURS). Its scenarios
 * cover these ids like catalogue ids; the reports list them apart, as the team's.
 */
export const TEAM_BEHAVIOURS_ENV = "SESSIONPROBE_BEHAVIOURS";

export interface TeamFileProblem {
  file: string;
  position: { line: number; column: number };
  message: string;
}

export interface TeamBehaviours {
  /** The file as errors print it (relative to the working directory). */
  file: string;
  text: string;
  behaviours: Behaviour[];
  /** Any problem leaves `behaviours` empty: a run never starts on a file that does not validate. */
  problems: TeamFileProblem[];
}

export interface BuiltInCatalogue {
  behaviours: readonly Behaviour[];
  services: readonly ServiceInfo[];
}

// Loaded on first use: drivers and workers import the catalogue, and most runs have no team file.
const require = createRequire(import.meta.url);
let validator: ValidateFunction<TeamBehavioursFile> | undefined;
function validateFile(): ValidateFunction<TeamBehavioursFile> {
  const { Ajv } = require("ajv") as typeof import("ajv");
  // The published JSON Schema, generated from the TypeBox source (npm run schema; a test keeps them equal): importing
  // TypeBox itself costs a worker a quarter of a second, and every worker imports the catalogue.
  const schema = JSON.parse(readFileSync(new URL("../../fixtures/schemas/behaviours.schema.json", import.meta.url), "utf8")) as object;
  validator ??= new Ajv({ allErrors: true, strict: false, verbose: true }).compile<TeamBehavioursFile>(schema);
  return validator;
}

type Path = (string | number)[];

function positionOf(doc: Document, lines: LineCounter, path: Path, key?: string): { line: number; column: number } {
  let depth = path.length;
  while (depth > 0 && !doc.hasIn(path.slice(0, depth))) depth--;
  const node = depth ? doc.getIn(path.slice(0, depth), true) : doc.contents;
  const { isMap, isScalar } = require("yaml") as typeof import("yaml");
  let range = (node as { range?: [number, number, number] } | null)?.range;
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
    range = (pair?.key as { range?: [number, number, number] } | undefined)?.range ?? range;
  }
  const { line, col } = lines.linePos(range?.[0] ?? 0);
  return { line, column: col };
}

function pathOf(pointer: string): Path {
  return pointer
    .split("/")
    .slice(1)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part.replace(/~1/g, "/").replace(/~0/g, "~")));
}

function schemaMessage(error: ErrorObject): { path: Path; key?: string; message: string } {
  const path = pathOf(error.instancePath);
  const parent = (error.parentSchema ?? {}) as { description?: string; properties?: object };
  if (error.keyword === "required")
    return { path, message: `missing required key "${(error.params as { missingProperty: string }).missingProperty}"` };
  if (error.keyword === "additionalProperties") {
    const key = (error.params as { additionalProperty: string }).additionalProperty;
    return { path, key, message: `unknown key "${key}"; expected: ${Object.keys(parent.properties ?? {}).join(", ")}` };
  }
  const got = error.data === null || error.data === undefined ? "nothing" : JSON.stringify(error.data).slice(0, 80);
  return { path, message: `expected ${parent.description ?? error.message ?? "another value"}, got ${got}` };
}

/** What the schema cannot say: the prefix is the team's own, ids are unique and not the catalogue's, the service exists. */
function catalogueProblems(data: TeamBehavioursFile, catalogue: BuiltInCatalogue): { path: Path; message: string }[] {
  const problems: { path: Path; message: string }[] = [];
  const vendorPrefixes = new Set(catalogue.behaviours.map((b) => b.id.split("-")[0]));
  if (vendorPrefixes.has(data.prefix))
    problems.push({
      path: ["prefix"],
      message: `prefix ${data.prefix} is the vendor catalogue's (${[...vendorPrefixes].join(", ")}): choose the team's own, such as its name`,
    });
  const builtIn = new Set(catalogue.behaviours.map((b) => b.id));
  const seen = new Map<string, number>();
  data.behaviours.forEach((b, i) => {
    if (!b.id.startsWith(`${data.prefix}-`))
      problems.push({ path: ["behaviours", i, "id"], message: `id ${b.id} does not start with the file's prefix "${data.prefix}-"` });
    else if (builtIn.has(b.id)) problems.push({ path: ["behaviours", i, "id"], message: `id ${b.id} is a vendor catalogue id` });
    if (seen.has(b.id))
      problems.push({ path: ["behaviours", i, "id"], message: `duplicate id ${b.id} (also behaviour ${(seen.get(b.id) ?? 0) + 1})` });
    seen.set(b.id, i);
    if (!catalogue.services.some((s) => s.vendor === b.vendor && s.service === b.service))
      problems.push({
        path: ["behaviours", i, b.vendor && catalogue.services.some((s) => s.vendor === b.vendor) ? "service" : "vendor"],
        message: `no vendor service ${b.vendor}/${b.service}; expected one of: ${catalogue.services.map((s) => `${s.vendor}/${s.service}`).join(", ")}`,
      });
  });
  return problems;
}

/** Reads and checks a team behaviours file; every problem is located (file:line:column). */
export function readTeamBehaviours(path: string, catalogue: BuiltInCatalogue, cwd = process.cwd()): TeamBehaviours {
  const file = relative(cwd, path) || path;
  const at1 = (message: string): TeamBehaviours => ({
    file,
    text: "",
    behaviours: [],
    problems: [{ file, position: { line: 1, column: 1 }, message }],
  });
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    return at1(
      `cannot read the team behaviours file (sessionprobe.json "behaviours", or ${TEAM_BEHAVIOURS_ENV}): ${(error as Error).message}`,
    );
  }
  const { LineCounter, parseDocument } = require("yaml") as typeof import("yaml");
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const located = (list: { path: Path; key?: string; message: string }[]): TeamFileProblem[] =>
    list.map((p) => ({ file, position: positionOf(doc, lines, p.path, p.key), message: p.message }));
  if (doc.errors.length)
    return {
      file,
      text,
      behaviours: [],
      problems: doc.errors.map((e) => {
        const { line, col } = lines.linePos(e.pos[0]);
        return { file, position: { line, column: col }, message: `YAML syntax: ${e.message.split("\n")[0]}` };
      }),
    };
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  if (data === null || data === undefined)
    return { ...at1("the file is empty: it needs prefix: (the team's id prefix) and behaviours: (a list)"), text };
  const validate = validateFile();
  if (!validate(data)) return { file, text, behaviours: [], problems: located((validate.errors ?? []).map(schemaMessage)) };
  const problems = located(catalogueProblems(data, catalogue));
  if (problems.length) return { file, text, behaviours: [], problems };
  const behaviours = data.behaviours.map((b): Behaviour => ({ ...b, origin: "team" }));
  return { file, text, behaviours, problems: [] };
}

let cached: { path: string; loaded: TeamBehaviours } | undefined;

/** The team's file this process was pointed at (SESSIONPROBE_BEHAVIOURS), read once; undefined when there is none. */
export function teamBehavioursFromEnv(catalogue: BuiltInCatalogue, env: NodeJS.ProcessEnv = process.env): TeamBehaviours | undefined {
  const named = env[TEAM_BEHAVIOURS_ENV];
  if (!named) return undefined;
  const path = resolve(named);
  if (cached?.path !== path) cached = { path, loaded: readTeamBehaviours(path, catalogue) };
  return cached.loaded;
}
