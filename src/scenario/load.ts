import { relative } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { teamBehaviourProblems } from "../catalogue/behaviours.ts";
import { circularAliases } from "./aliases.ts";
import { locate, type Position } from "./positions.ts";
import { type LoadProblem, printable, ScenarioLoadError } from "./problems.ts";
import { readScenarioSource, type SourceRead } from "./read-source.ts";
import { positionedSteps, type StepPositions, stepPositions } from "./positioned-steps.ts";
import { dependsOnTarget, MAX_UNROLLED_STEPS, unrolledCount, unrolledLimitMessage } from "./repeat.ts";
import type { PlainStep, Scenario, StepVerb, Suite } from "./schema.ts";
import { semanticProblems } from "./semantic-checks.ts";
import { schemaProblems } from "./validate-schema.ts";

export interface LoadedStep {
  /** A plain step: repeats are expanded when the file loads. */
  step: PlainStep;
  verb: StepVerb;
  index: number;
  position: Position;
}

export interface LoadedScenario {
  scenario: Scenario;
  position: Position;
  /** Where the scenario's `bystanders:` are written, when it has them: their steps point there. */
  bystandersPosition?: Position;
  /** The steps with repeats unrolled; a repeat counted by a deployment option is unrolled once here. */
  steps: LoadedStep[];
  /** Set when a repeat takes its count from the target: the steps for that target's options. */
  stepsFor?: (options: Readonly<Record<string, string | undefined>>) => LoadedStep[];
  /** Set with stepsFor: where its steps are written, so that a worker unrolls them again without the file (src/scenario/positioned-steps.ts). */
  stepPositions?: StepPositions;
}

export interface LoadedSuite {
  /** Path relative to the working directory, as errors print it. */
  file: string;
  absolutePath: string;
  vendor: string;
  service: string;
  scenarios: LoadedScenario[];
}

export interface LoadResult {
  suites: LoadedSuite[];
  problems: LoadProblem[];
}

export interface LoadOptions {
  cwd?: string;
  /**
   * Check shape and meaning (default). A Playwright worker loads files the runner
   * has just validated, and skips the checks (they cost most of a second per process).
   */
  validate?: boolean;
}

/** Reads one file; every problem is collected, none stops the others from being found. */
export function loadSuiteFile(path: string, options: LoadOptions = {}): { suite?: LoadedSuite; problems: LoadProblem[] } {
  return loadSuiteSource(path, readScenarioSource(path), options);
}

/** The same, for a file already read (src/scenario/collection.ts reads each file once, to hash it and to load it). */
export function loadSuiteSource(
  path: string,
  read: SourceRead,
  options: LoadOptions = {},
): { suite?: LoadedSuite; problems: LoadProblem[] } {
  const file = relative(options.cwd ?? process.cwd(), path) || path;
  try {
    const result = loadUnguarded(path, read, file, options);
    return { ...result, problems: result.problems.map((p) => ({ ...p, message: printable(p.message) })) };
  } catch (error) {
    // Whatever a file holds, it is told as a problem of that file: the other files of the batch are still read and reported.
    const e = error instanceof Error ? error : new Error(String(error));
    return {
      problems: [{ file, position: { line: 1, column: 1 }, message: printable(`${LOADER_BUG}: ${e.name}: ${e.message.split("\n")[0]}`) }],
    };
  }
}

function yamlSyntax(message: string): string {
  // The parser turns a stack overflow on thousands of nested brackets into a syntax error: say what it means.
  if (/Maximum call stack/.test(message))
    return "YAML syntax: the value nests too deeply to read (thousands of brackets); a scenario needs a few levels";
  return `YAML syntax: ${message.split("\n")[0]}`;
}

/** Marks a problem that is our bug, not the file's (the fuzz tests count them as crashes). */
export const LOADER_BUG = "the loader failed on this file (a sessionprobe bug, please report it)";

function loadUnguarded(
  path: string,
  read: SourceRead,
  file: string,
  options: LoadOptions,
): { suite?: LoadedSuite; problems: LoadProblem[] } {
  const { validate = true } = options;
  if ("problem" in read) return { problems: [{ file, position: { line: 1, column: 1 }, message: read.problem }] };
  const source = read.text;
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): Position => {
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
  if (doc.errors.length) {
    return { problems: doc.errors.map((e) => ({ file, position: at(e.pos[0]), message: yamlSyntax(e.message) })) };
  }
  const circular = circularAliases(doc);
  if (circular.length) {
    return {
      problems: circular.map((a) => ({
        file,
        position: at(a.offset),
        message: `circular YAML alias *${a.name}: the anchor &${a.name} contains it; write the value out instead`,
      })),
    };
  }
  let data: unknown;
  try {
    // yaml refuses documents that expand too many aliases (a YAML "billion laughs"); say so, with the place.
    data = doc.toJS();
  } catch (error) {
    return {
      problems: [
        {
          file,
          position: { line: 1, column: 1 },
          message: `the YAML cannot be read: ${(error as Error).message} (write the steps out instead of repeating aliases)`,
        },
      ],
    };
  }
  const toLoadProblems = (list: { path: (string | number)[]; key?: string; message: string }[]): LoadProblem[] =>
    list
      .map((p) => ({ file, position: locate(doc, lines, p.path, p.key), message: p.message }))
      .sort((a, b) => a.position.line - b.position.line || a.position.column - b.position.column);
  // Counted before anything is unrolled: a repeat bomb is refused in microseconds, not after gigabytes.
  const unrolled = unrolledCount(data);
  const tooMany = unrolled.total > MAX_UNROLLED_STEPS ? [{ path: unrolled.biggest, message: unrolledLimitMessage(unrolled) }] : [];
  const shapeProblems = validate ? schemaProblems(data) : [];
  // One pass: the meaning is checked too when the shape is wrong, so an unknown id shows up beside a schema error.
  const meaningProblems = validate ? meaningDespiteShape(data, shapeProblems) : [];
  if (tooMany.length || shapeProblems.length || meaningProblems.length)
    return { problems: toLoadProblems([...tooMany, ...shapeProblems, ...meaningProblems]) };
  const suite = data as Suite;
  return {
    problems: [],
    suite: {
      file,
      absolutePath: path,
      vendor: suite.vendor,
      service: suite.service,
      scenarios: suite.scenarios.map((scenario, s) => {
        const positions = stepPositions(scenario.steps, (path) => locate(doc, lines, ["scenarios", s, "steps", ...path]));
        const loaded: LoadedScenario = {
          scenario,
          position: locate(doc, lines, ["scenarios", s]),
          steps: positionedSteps(scenario.steps, positions),
        };
        if (scenario.bystanders) loaded.bystandersPosition = locate(doc, lines, ["scenarios", s, "bystanders"]);
        if (dependsOnTarget(scenario.steps)) {
          loaded.stepPositions = positions;
          loaded.stepsFor = (options) => positionedSteps(scenario.steps, positions, options);
        }
        return loaded;
      }),
    },
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * What a step with a shape problem still tells the meaning checks: its captures (later
 * references stay defined) and, for a login, the session it opens (later steps stay valid).
 */
function standIn(step: unknown): Record<string, unknown> {
  const capture = isRecord(step) && isRecord(step.capture) ? step.capture : {};
  if (!isRecord(step) || !("login" in step)) return { capture };
  return { login: {}, capture, ...(typeof step.as === "string" ? { as: step.as } : {}) };
}

/**
 * The semantic checks on a file whose shape may be wrong: steps with a shape problem are
 * left out (their captures kept, so later references stay defined), and a meaning problem
 * where a shape problem already stands is not told twice.
 */
function meaningDespiteShape(data: unknown, shape: readonly { path: (string | number)[] }[]): ReturnType<typeof semanticProblems> {
  if (!shape.length) return semanticProblems(data as Suite);
  if (!isRecord(data) || typeof data.vendor !== "string" || typeof data.service !== "string" || !Array.isArray(data.scenarios)) return [];
  const badStep = new Set(shape.filter((p) => p.path[0] === "scenarios" && p.path[2] === "steps").map((p) => `${p.path[1]}/${p.path[3]}`));
  const scenarios = data.scenarios.map((scenario: unknown, s: number) => {
    if (!isRecord(scenario)) return { name: `#${s}`, covers: [], steps: [] };
    const covers = Array.isArray(scenario.covers) ? scenario.covers.map(String) : [];
    const steps = (Array.isArray(scenario.steps) ? scenario.steps : []).map((step: unknown, i: number) =>
      badStep.has(`${s}/${i}`) || !isRecord(step) ? standIn(step) : step,
    );
    return { ...scenario, covers, steps };
  });
  const told = shape.map((p) => p.path.join("/"));
  try {
    return semanticProblems({ ...data, scenarios } as unknown as Suite).filter(
      (p) => !told.some((t) => p.path.join("/") === t || p.path.join("/").startsWith(`${t}/`)),
    );
  } catch {
    // A shape broken in a way the checks cannot walk: the shape problems are told, and they come first.
    return [];
  }
}

export function loadSuiteFiles(paths: readonly string[], options: LoadOptions = {}): LoadResult {
  const suites: LoadedSuite[] = [];
  // The team's behaviours file first: its ids are what the scenarios' covers: name.
  const problems: LoadProblem[] = teamBehaviourProblems().map((p) => ({ ...p, message: printable(p.message) }));
  for (const path of paths) {
    const result = loadSuiteFile(path, options);
    if (result.suite) suites.push(result.suite);
    problems.push(...result.problems);
  }
  return { suites, problems };
}

/** Loads or throws one error listing every problem in every file. */
export function loadSuitesOrThrow(paths: readonly string[], options: LoadOptions = {}): LoadedSuite[] {
  const { suites, problems } = loadSuiteFiles(paths, options);
  if (problems.length) throw new ScenarioLoadError(problems);
  return suites;
}
