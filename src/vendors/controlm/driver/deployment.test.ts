import { expect, test } from "@playwright/test";
import { controlmMock } from "../mock/index.ts";
import { resolveOptions } from "../../../targets/options.ts";
import { controlm } from "./index.ts";

test("deployment options use the mock's --set names; each default is the mock's, but passwordSecretKey, which Control-M does not document", () => {
  for (const [name, spec] of Object.entries(controlm.deploymentOptions)) {
    expect(controlmMock.optionHelp, name).toHaveProperty(name);
    if (name === "passwordSecretKey") expect(spec.default).toBeUndefined();
    else expect(spec.default, name).toBe(controlmMock.defaults.options[name]);
  }
});

test("a target declares them under options:, checked before any request; annotationEnabled exists only where annotation is on", () => {
  expect(resolveOptions(controlm, { annotation: "yes" }).problems.map((p) => p.message)).toEqual([
    'option annotation must be one of off, on; got "yes"',
  ]);
  const on = resolveOptions(controlm, { annotation: "on", annotationSubjectHeader: "X-Why", passwordSecretKey: "ctm-test" });
  expect(on.options).toEqual({
    annotation: "on",
    annotationSubjectHeader: "X-Why",
    annotationDescriptionHeader: "Annotation-Description",
    passwordSecretKey: "ctm-test",
  });
  expect(controlm.deploymentFacts?.(on.options)).toEqual({ annotationEnabled: "on" });
  expect(controlm.deploymentFacts?.(resolveOptions(controlm, {}).options)).toEqual({ annotationEnabled: undefined });
});
