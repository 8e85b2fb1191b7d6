import { expect, test } from "@playwright/test";
import { openamMock } from "../mock/index.ts";
import { openam } from "./index.ts";
import { contextPrefix } from "./wire.ts";

test("openam deployment options are the mock's --set options, with the same defaults", () => {
  for (const [name, spec] of Object.entries(openam.deploymentOptions)) {
    expect(Object.keys(openamMock.optionHelp), name).toContain(name);
    expect(spec.default, name).toBe(openamMock.defaults.options[name]);
  }
  expect(Object.keys(openam.deploymentOptions).sort()).toEqual([
    "contextPath",
    "cookieName",
    "latestAccessUpdateFrequency",
    "resourceVersion",
    "sessionPropertyAllowList",
  ]);
  expect(openam.deploymentOptions.latestAccessUpdateFrequency?.duration).toBe(true);
});

test("settableSessionProperty: the first allow-listed property that is not protected, or none", () => {
  const facts = (list: string) => openam.deploymentFacts?.({ sessionPropertyAllowList: list }).settableSessionProperty;
  expect(facts("AMCtxId,department")).toBe("department");
  expect(facts(" AMCtxId , SessionHandle, costCentre ,Locale")).toBe("costCentre");
  expect(facts("AMCtxId")).toBeUndefined();
  expect(facts("")).toBeUndefined();
});

test("the context path is added to baseUrl unless baseUrl already ends with it", () => {
  expect(contextPrefix("https://am.example.com", "/am")).toBe("/am");
  expect(contextPrefix("https://am.example.com/am/", "/am")).toBe("");
  expect(contextPrefix("https://am.example.com:8443", "/openam")).toBe("/openam");
  expect(contextPrefix("https://am.example.com/", "")).toBe("");
});
