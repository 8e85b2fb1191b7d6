import { expect, test } from "@playwright/test";
import { rerunPlan, takeReporterFlag } from "./reporter-flag.ts";
import { TERMINAL_REPORTER_ENV } from "./reporters.ts";

const runner = ["/usr/bin/node", "/repo/node_modules/@playwright/test/cli.js"];

test("`--reporter X` and `--reporter=X` are taken off the command line", () => {
  expect(takeReporterFlag(["test", "--reporter", "dot", "--grep", "x"])).toEqual({ reporter: "dot", rest: ["test", "--grep", "x"] });
  expect(takeReporterFlag(["test", "--reporter=line,json"])).toEqual({ reporter: "line,json", rest: ["test"] });
  expect(takeReporterFlag(["test", "--grep", "x"])).toEqual({ rest: ["test", "--grep", "x"] });
});

test("`npx playwright test --reporter X` is run once more without the flag, X as the terminal reporter", () => {
  const plan = rerunPlan([...runner, "test", "--reporter", "line", "--project", "mocks"], ["--no-warnings"], {});
  expect(plan?.command).toBe(runner[0]);
  expect(plan?.args).toEqual(["--no-warnings", runner[1], "test", "--project", "mocks"]);
  expect(plan?.env[TERMINAL_REPORTER_ENV]).toBe("line");
});

test("no second run for a worker, for the run started that way, without the flag, or for another command", () => {
  const argv = [...runner, "test", "--reporter", "line"];
  expect(rerunPlan(argv, [], { TEST_WORKER_INDEX: "0" })).toBeUndefined();
  // The child's environment says it was started this way: even a flag on its line does not start a third run.
  const plan = rerunPlan(argv, [], {});
  expect(plan).toBeDefined();
  expect(rerunPlan(argv, [], plan?.env ?? {})).toBeUndefined();
  expect(rerunPlan([...runner, "test", "--project", "mocks"], [], {})).toBeUndefined();
  expect(rerunPlan([...runner, "show-report", "--reporter", "line"], [], {})).toBeUndefined();
});
