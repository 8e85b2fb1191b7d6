import { expect, test } from "@playwright/test";
import { projectArgs } from "./playwright-commands.ts";

test("run adds every target's project, or only the --target ones", () => {
  expect(projectArgs(["a", "b"], [], ["--grep", "CTM"])).toEqual(["--project", "a", "--project", "b"]);
  expect(projectArgs(["a", "b"], ["b"], [])).toEqual(["--project", "b"]);
});

test("a user's own --project picks the projects: the guarded job runs the guarded project alone, not every target again", () => {
  expect(projectArgs(["a", "b"], [], ["--project", "a-guarded"])).toEqual([]);
  expect(projectArgs(["a", "b"], ["a"], ["--project=a-guarded", "--workers", "1"])).toEqual([]);
});
