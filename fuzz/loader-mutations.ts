import { readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import fc from "fast-check";
import { parse, stringify } from "yaml";
import { LOADER_BUG, loadSuiteFiles } from "../src/scenario/load.ts";
import { formatProblem } from "../src/scenario/problems.ts";
import "../test-support/drivers.ts";

/**
 * Mutations of the real suites, as an outside tester would try them: byte flips,
 * truncation, lines lost or doubled, wrong types for any key, unknown keys, aliases,
 * huge and deep values, other encodings, and known-invalid values planted where they
 * would fail at run time. Each mutated file is loaded in a batch with a good file.
 */
type Mutant = { bytes: Buffer; invalid: boolean; kind: string };
type Mutation = (text: string) => Mutant;

/** Parsed once per source text: the structural mutations work on a copy. */
const parsedCache = new Map<string, unknown>();
function parsed(text: string): unknown {
  if (!parsedCache.has(text)) parsedCache.set(text, parse(text));
  return structuredClone(parsedCache.get(text));
}

const mutant = (kind: string, text: string | Buffer, invalid = false): Mutant => ({
  kind,
  bytes: Buffer.isBuffer(text) ? text : Buffer.from(text, "utf8"),
  invalid,
});

const hostileChar = fc.oneof(
  fc.constantFrom(
    "\u0000",
    "\u001b",
    "\r",
    "\t",
    "\u202e",
    "\ufeff",
    "\uffff",
    "\ud800",
    "{",
    "}",
    "[",
    "]",
    "&",
    "*",
    "!",
    "|",
    ">",
    "%",
    "@",
    "`",
    '"',
    "'",
    ":",
    "-",
    "#",
    "$",
  ),
  fc.string({ minLength: 1, maxLength: 1, unit: "binary" }),
);

/** Any value a key could wrongly hold, including YAML's special numbers and hostile strings. */
const wrongValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.constantFrom(
      null,
      true,
      false,
      0,
      -1,
      1e300,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Number.NaN,
      -0,
      "",
      "${",
      "${credentials.password",
      "${users.constructor.name}",
      "constructor",
      "__proto__",
      "(",
      "0s",
      "0%",
      "not a date",
    ),
    fc.string({ maxLength: 40, unit: "binary" }),
    fc.integer(),
    fc.double(),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 12, unit: "binary" }), tie("value"), { maxKeys: 4 }),
  ),
})).value;

/** Known-invalid values, each planted where the loader must refuse it (it would fail at run time). */
const PLANTED: { where: "step" | "expect-body" | "scenario"; key: string; value: unknown }[] = [
  ...["(", "[a-", "a{2,1}", "(?<n>a)(?<n>b)", "\\", "*"].map((re) => ({ where: "expect-body" as const, key: "matches", value: re })),
  ...["not a date", "2026-13-45T99:00:00Z", "tomorrow"].map((d) => ({ where: "expect-body" as const, key: "after", value: d })),
  ...["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"].flatMap((name) => [
    { where: "step" as const, key: "use", value: name },
    { where: "step" as const, key: "action", value: name },
    { where: "step" as const, key: "expire", value: { absolute: "1h", keepAlive: "10m", using: name } },
  ]),
  ...["0s", "0ms", "99999999999999999999999d", "2h"].map((t) => ({ where: "step" as const, key: "timeout", value: t })),
  ...[
    { idle: "0%" },
    { idle: "0s" },
    { absolute: "100000d" },
    { absolute: "1h", keepAlive: "0s" },
    { absolute: "1h", keepAlive: "0%" },
    { absolute: "1h", keepAlive: "100%" },
    { idle: "0% of latestAccessUpdateFrequency" },
    { idle: "5000%" },
  ].map((e) => ({ where: "step" as const, key: "expire", value: e })),
  { where: "step", key: "capture", value: { "bad name": "body.x" } },
  { where: "step", key: "capture", value: { __proto__x: "nonsense" } },
  { where: "step", key: "capture", value: { ok: "not-a-selector" } },
  { where: "step", key: "title", value: "${credentials.password" },
  { where: "step", key: "title", value: "${users.constructor.name}" },
  { where: "step", key: "title", value: "${options.toString}" },
  { where: "step", key: "expect", value: { status: 1 } },
  { where: "step", key: "expect", value: { status: Number.POSITIVE_INFINITY } },
  { where: "step", key: "expect", value: { status: [200, 999] } },
  { where: "step", key: "expect", value: { observe: { "-x": "body" } } },
  { where: "step", key: "expect", value: { observe: { ok: "nonsense" } } },
  { where: "scenario", key: "steps", value: [{ repeat: { times: 1000 }, steps: Array.from({ length: 11 }, () => ({ logout: {} })) }] },
  {
    where: "scenario",
    key: "steps",
    value: [{ repeat: { times: "${options.sessionCap}" }, steps: Array.from({ length: 11 }, () => ({ logout: {} })) }],
  },
  { where: "scenario", key: "requires", value: { idleTimeoutAtLeast: "0% of latestAccessUpdateFrequency" } },
];

type Data = { scenarios: { steps: Record<string, unknown>[]; [k: string]: unknown }[] };

function plant(text: string, pick: number, which: number): Mutant {
  const data = parsed(text) as Data;
  const planted = PLANTED[which % PLANTED.length] as (typeof PLANTED)[number];
  const scenario = data.scenarios[pick % data.scenarios.length] as Data["scenarios"][number];
  const steps = scenario.steps;
  const step = steps[pick % steps.length] as Record<string, unknown>;
  if (planted.where === "scenario") scenario[planted.key] = planted.value;
  else if (planted.where === "step") {
    if (["use", "action", "expire"].includes(planted.key)) {
      // Replace the verb: a step has exactly one.
      steps[pick % steps.length] = { [planted.key]: planted.value };
    } else step[planted.key] = planted.value;
  } else {
    const expect = (step.expect ?? {}) as Record<string, unknown>;
    expect.body = { ...(expect.body as object), planted: { [planted.key]: planted.value } };
    step.expect = expect;
  }
  return mutant(`planted ${planted.key}`, stringify(data), true);
}

/** Every path to a node of the parsed data, to replace or extend. */
function paths(value: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) paths(v, [...at, i], out);
  } else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out);
  return out;
}

function setAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (!path.length) return value;
  let node = root as Record<string | number, unknown>;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<string | number, unknown>;
  node[path.at(-1) as string | number] = value;
  return root;
}

const mutations: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), hostileChar).map(
    ([at, ch]): Mutation =>
      (t) =>
        mutant("byte flip", t.slice(0, at % t.length) + ch + t.slice((at % t.length) + 1)),
  ),
  fc.nat().map(
    (at): Mutation =>
      (t) =>
        mutant("truncation", t.slice(0, at % t.length)),
  ),
  fc.tuple(fc.nat(), fc.constantFrom("delete", "double", "swap", "dedent", "indent")).map(
    ([at, how]): Mutation =>
      (t) => {
        const lines = t.split("\n");
        const i = at % lines.length;
        const line = lines[i] as string;
        if (how === "delete") lines.splice(i, 1);
        if (how === "double") lines.splice(i, 0, line);
        if (how === "swap") [lines[i], lines[(i + 1) % lines.length]] = [lines[(i + 1) % lines.length] as string, line];
        if (how === "dedent") lines[i] = line.replace(/^ {1,2}/, "");
        if (how === "indent") lines[i] = `  ${line}`;
        return mutant(`line ${how}`, lines.join("\n"));
      },
  ),
  fc.tuple(fc.nat(), wrongValue).map(
    ([at, value]): Mutation =>
      (t) => {
        const data = parsed(t);
        const all = paths(data);
        return mutant("wrong value", stringify(setAt(data, all[at % all.length] as (string | number)[], value)));
      },
  ),
  fc.tuple(fc.nat(), fc.string({ minLength: 1, maxLength: 20 }), wrongValue).map(
    ([at, key, value]): Mutation =>
      (t) => {
        const data = parsed(t);
        const maps = paths(data).filter((p) => {
          let node: unknown = data;
          for (const s of p) node = (node as Record<string | number, unknown>)[s];
          return node && typeof node === "object" && !Array.isArray(node);
        });
        const path = maps[at % maps.length] as (string | number)[];
        return mutant("unknown key", stringify(setAt(data, [...path, `${key}\u0000x`.replace("\u0000x", "")], value)));
      },
  ),
  fc.tuple(fc.nat(), fc.nat()).map(
    ([pick, which]): Mutation =>
      (t) =>
        plant(t, pick, which),
  ),
  fc.constantFrom<Mutation>(
    (t) => mutant("circular alias (map)", t.replace(/^( *)- login: (.*)$/m, "$1- login: $2\n$1  with: &cyc { self: *cyc }"), true),
    (t) =>
      mutant(
        "circular alias (matcher)",
        t.replace(/^( *)- login: (.*)$/m, "$1- login: $2\n$1  expect: { body: { token: &m { equals: *m } } }"),
        true,
      ),
    (t) => mutant("circular alias (seq)", t.replace(/^( *)- login: (.*)$/m, "$1- login: $2\n$1  with: { list: &l [1, *l] }"), true),
    (t) =>
      mutant(
        "alias bomb",
        `${t}\nx: &a [1,1,1,1,1,1,1,1,1,1]\ny: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nz: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nw: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n`,
        true,
      ),
    (t) => mutant("deep nesting", `${t}\ndeep: ${"[".repeat(3000)}${"]".repeat(3000)}\n`, true),
    (t) => mutant("deep map", `${t}\ndeep: ${"{a: ".repeat(2000)}1${"}".repeat(2000)}\n`, true),
    (t) => mutant("huge file", t + `# ${"x".repeat(120)}\n`.repeat(9000), true),
    (t) => mutant("huge string", t.replace(/^( *)- login: (.*)$/m, `$1- login: $2\n$1  title: "${"y".repeat(200_000)}"`), false),
    (t) => mutant("utf-16", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, "utf16le")]), true),
    (t) => mutant("latin-1", Buffer.from(t.replace(/^vendor:/m, "vend\u00f6r:"), "latin1"), true),
    (t) => mutant("NUL bytes", t.replace(/\n/g, "\u0000\n"), true),
    (t) => mutant("CR-only line ends", t.replace(/\r?\n/g, "\r"), false),
    (t) => mutant("CRLF line ends", t.replace(/\r?\n/g, "\r\n"), false),
    (t) => mutant("BOM", `\ufeff${t}`, false),
    (_t) => mutant("empty", "", true),
    (t) => mutant("several documents", `${t}\n---\n${t}`, true),
    (t) => mutant("tabs", t.replace(/^ {2}/gm, "\t"), true),
  ),
);

export interface LoaderFuzzResult {
  tried: number;
  /** Files the loader accepted although a known-invalid value was planted in them. */
  invalidAccepted: string[];
  crashes: string[];
  unlocated: string[];
  slow: string[];
  /** Mutated files refused (with located problems), and accepted. */
  refused: number;
  accepted: number;
  byKind: Record<string, number>;
  ms: number;
}

export function summarise(r: LoaderFuzzResult): string {
  return `loader: ${r.tried} mutated files (${r.refused} refused, ${r.accepted} accepted), crashes ${r.crashes.length}, unlocated ${r.unlocated.length}, hangs/slow ${r.slow.length}, invalid accepted ${r.invalidAccepted.length}, ${Math.round(r.ms)} ms`;
}

/** A batch of ten files taking longer than this is a hang (generous: CI machines are shared). */
const SLOW_MS = 15_000;

/**
 * Loads `runs` mutated files in batches of ten, each batch with a real suite last:
 * nothing may throw, every problem must be file:line:col inside the file, every file of
 * the batch must be accounted for (a suite or at least one problem), and the real suite
 * must still load.
 */
export function loaderProperty(options: { seed: number; runs: number; files: readonly string[]; dir: string }): LoaderFuzzResult {
  const started = performance.now();
  const sources = options.files.map((f) => readFileSync(f, "utf8"));
  const result: LoaderFuzzResult = {
    tried: 0,
    invalidAccepted: [],
    crashes: [],
    unlocated: [],
    slow: [],
    refused: 0,
    accepted: 0,
    byKind: {},
    ms: 0,
  };
  const cases = fc.sample(fc.tuple(fc.nat(sources.length - 1), mutations), { seed: options.seed, numRuns: options.runs });
  for (let b = 0; b < cases.length; b += 10) {
    const batch = cases.slice(b, b + 10).map(([which, mutate], k) => {
      let made: Mutant;
      try {
        made = mutate(sources[which] as string);
      } catch {
        made = mutant("unmutated", sources[which] as string);
      }
      const path = join(options.dir, `m${b + k}-${basename(options.files[which] as string)}`);
      writeFileSync(path, made.bytes);
      return { path, made };
    });
    const good = options.files[b % options.files.length] as string;
    const t0 = performance.now();
    let loaded: ReturnType<typeof loadSuiteFiles>;
    try {
      loaded = loadSuiteFiles([...batch.map((m) => m.path), good]);
    } catch (error) {
      result.crashes.push(`batch ${b}: ${(error as Error).message.split("\n")[0]}`);
      result.tried += batch.length;
      continue;
    }
    const elapsed = performance.now() - t0;
    if (elapsed > SLOW_MS) result.slow.push(`batch ${b} (${batch.map((m) => m.made.kind).join(", ")}): ${Math.round(elapsed)} ms`);
    for (const { path, made } of batch) {
      result.tried++;
      result.byKind[made.kind] = (result.byKind[made.kind] ?? 0) + 1;
      const name = basename(path);
      const mine = loaded.problems.filter((p) => p.file.endsWith(name));
      const lineCount = made.bytes.toString("utf8").split(/\r\n|\r|\n/).length;
      for (const p of mine) {
        const text = formatProblem(p);
        if (p.message.startsWith(LOADER_BUG)) result.crashes.push(`${made.kind}: ${text}`);
        else if (
          !/^[^\n]+:\d+:\d+: \S/.test(text) ||
          p.position.line < 1 ||
          p.position.column < 1 ||
          p.position.line > lineCount + 1 ||
          hasControlCharacter(text)
        )
          result.unlocated.push(`${made.kind}: ${text.slice(0, 200)}`);
      }
      const accepted = loaded.suites.some((s) => s.absolutePath === path);
      if (accepted) result.accepted++;
      else if (mine.length) result.refused++;
      else result.unlocated.push(`${made.kind}: ${name} neither loaded nor reported`);
      if (accepted && made.invalid) result.invalidAccepted.push(`${made.kind}: ${name}`);
    }
    if (!loaded.suites.some((s) => s.absolutePath === good))
      result.crashes.push(`batch ${b}: the good file ${good} was not loaded beside the mutants`);
  }
  result.ms = performance.now() - started;
  return result;
}

/** A raw control character (line ends included): a problem is one printable line. */
function hasControlCharacter(text: string): boolean {
  for (const ch of text) if (ch.charCodeAt(0) < 0x20) return true;
  return false;
}
