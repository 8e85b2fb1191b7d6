import { expect, test } from "@playwright/test";
import { TERMINAL_REPORTER_ENV } from "../report/reporters.ts";
import { playwrightInvocation, projectArgs } from "./playwright-commands.ts";

test("run adds every target's projects, or only the --target ones: each with its guarded project", () => {
  expect(projectArgs(["a", "b"], [], ["--grep", "CTM"])).toEqual([
    ...["--project", "a", "--project", "a-guarded"],
    ...["--project", "b", "--project", "b-guarded"],
  ]);
  expect(projectArgs(["a", "b"], ["b"], [])).toEqual(["--project", "b", "--project", "b-guarded"]);
});

test("a user's own --project picks the projects: the guarded job runs the guarded project alone, not every target again", () => {
  expect(projectArgs(["a", "b"], [], ["--project", "a-guarded"])).toEqual([]);
  expect(projectArgs(["a", "b"], ["a"], ["--project=a-guarded", "--workers", "1"])).toEqual([]);
});

test("the user's reporter reaches Playwright as the terminal reporter only: in the environment, never as --reporter", () => {
  const chosen = playwrightInvocation(["--grep", "@controlm"], { reporter: "dot" });
  expect(chosen.env[TERMINAL_REPORTER_ENV]).toBe("dot");
  expect(chosen.args).not.toContain("--reporter");
  expect(chosen.args.slice(-2)).toEqual(["--grep", "@controlm"]);
  // Passed through among Playwright's flags (after `--`): the same, so the config never has to start the run again.
  const passed = playwrightInvocation(["--reporter=line", "--workers", "1"], {});
  expect(passed.env[TERMINAL_REPORTER_ENV]).toBe("line");
  expect(passed.args.some((a) => a.startsWith("--reporter"))).toBe(false);
  expect(playwrightInvocation([], {}).env[TERMINAL_REPORTER_ENV]).toBe(process.env[TERMINAL_REPORTER_ENV]);
});
