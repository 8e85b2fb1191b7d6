import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { expect, test } from "@playwright/test";
import { UsageError } from "../cli/usage-error.ts";
import { ConfigurationError, ExpectationFailure, HarnessError, TransportFailure } from "../engine/failure.ts";
import { CorpusError } from "../evidence/corpus.ts";
import { ExploreUnavailable } from "../explore/explore.ts";
import { DeadlineError, FailedAttempt, ProxyRefusal, StaleConnection, TransportError } from "../http/transport-errors.ts";
import { XmlError } from "../http/xml.ts";
import { InterpolationError } from "../scenario/interpolate.ts";
import { ScenarioLoadError } from "../scenario/problems.ts";
import { RepeatTimesError } from "../scenario/repeat.ts";
import { TargetsError } from "../targets/load.ts";
import { TeamVendorError } from "../vendors/registry.ts";
import {
  ERROR_CODES,
  type ErrorCode,
  FAILURE_CODES,
  FAILURE_KINDS,
  failureKind,
  INPUT_ERROR_CODES,
  InputError,
  SessionprobeError,
} from "./errors.ts";

const ROOT = join(import.meta.dirname, "..", "..");

/** One instance of every class the project throws on purpose (the constructors differ). */
const INSTANCES: readonly SessionprobeError[] = [
  new ExpectationFailure("[t] step 1", ["expected 200"], {}),
  new TransportFailure("[t] step 1", "connection refused"),
  new ConfigurationError("[t] step 1", "no such user"),
  new HarnessError("[t] step 1", "a bug"),
  new UsageError("bad flag"),
  new TargetsError("targets.yaml:1:1: bad"),
  new ScenarioLoadError([{ file: "a.yaml", position: { line: 1, column: 1 }, message: "bad" }]),
  new TeamVendorError("acme/index.ts", "title is missing"),
  new CorpusError("a.har: not JSON"),
  new ExploreUnavailable("needs a second user"),
  new InterpolationError("${nope}: undefined"),
  new RepeatTimesError("repeat times: bad"),
  new TransportError("TIMEOUT", "GET /: no answer", "GET /"),
  new XmlError("malformed XML"),
  new DeadlineError("no complete answer within 1 ms"),
  new ProxyRefusal(407, "Proxy Authentication Required"),
  new FailedAttempt(new Error("ECONNRESET"), false),
  new StaleConnection(),
];

/** The classes under src/ that may extend Error directly: the root itself, and the mock's own signal (mocks import no harness code). */
const DIRECT = new Set(["src/errors/errors.ts:SessionprobeError", "src/vendors/hmc/mock/logon-request.ts:UnmarshalError"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".test.ts"))
    .map((e) => join(e.parentPath, e.name));
}

/** The rows of docs/errors.md's table: code and kind. */
function documentedCodes(): Map<string, string> {
  const rows = new Map<string, string>();
  for (const line of readFileSync(join(ROOT, "docs", "errors.md"), "utf8").split("\n")) {
    const row = line.match(/^\| `(SP_[A-Z_]+)` \| (\w+) \|/);
    if (row) rows.set(row[1] as string, row[2] as string);
  }
  return rows;
}

test("every error class has a code of its own, and every code of the table has its class", () => {
  const byCode = new Map<ErrorCode, string[]>();
  for (const error of INSTANCES) byCode.set(error.code, [...(byCode.get(error.code) ?? []), error.constructor.name]);
  const shared = [...byCode].filter(([, classes]) => classes.length > 1);
  expect(shared, "codes shared by two classes").toEqual([]);
  expect([...byCode.keys()].sort()).toEqual(Object.keys(ERROR_CODES).sort());
});

test("every error's kind is one of the four and follows from its code", () => {
  for (const error of INSTANCES) {
    expect(error, error.constructor.name).toBeInstanceOf(SessionprobeError);
    expect(error, error.constructor.name).toBeInstanceOf(Error);
    expect(FAILURE_KINDS, error.constructor.name).toContain(error.kind);
    expect(error.kind, error.constructor.name).toBe(ERROR_CODES[error.code]);
    expect(failureKind(error)).toBe(error.kind);
  }
  // A report's code for each kind is a code of that kind.
  for (const kind of FAILURE_KINDS) expect(ERROR_CODES[FAILURE_CODES[kind]]).toBe(kind);
  expect(failureKind(new TypeError("x"))).toBe("harness");
});

test("every code is in docs/errors.md with its kind, and the table names no other", () => {
  const documented = documentedCodes();
  const missing = Object.keys(ERROR_CODES).filter((code) => !documented.has(code));
  expect(missing, "codes missing from docs/errors.md").toEqual([]);
  const unknown = [...documented.keys()].filter((code) => !(code in ERROR_CODES));
  expect(unknown, "codes in docs/errors.md that the code does not have").toEqual([]);
  for (const [code, kind] of documented) expect(kind, code).toBe(ERROR_CODES[code as ErrorCode]);
});

test("no class under src/ extends Error directly but the mock's own signal: every other is a SessionprobeError", () => {
  const strays: string[] = [];
  for (const file of sourceFiles(join(ROOT, "src"))) {
    const where = relative(ROOT, file);
    for (const match of readFileSync(file, "utf8").matchAll(/class (\w+) extends Error\b/g))
      if (!DIRECT.has(`${where}:${match[1]}`)) strays.push(`${where}:${match[1]}`);
  }
  expect(strays).toEqual([]);
});

test("an error's name is its class's, so a stack or a Playwright failure says which", () => {
  for (const error of INSTANCES) expect(error.name).toBe(error.constructor.name);
});

test("exactly the input codes are InputErrors (the CLI's exit 2), and they are configuration errors", () => {
  const inputs = INSTANCES.filter((error) => error instanceof InputError).map((error) => error.code);
  expect(inputs.sort()).toEqual([...INPUT_ERROR_CODES].sort());
  for (const code of INPUT_ERROR_CODES) expect(ERROR_CODES[code]).toBe("configuration");
});
