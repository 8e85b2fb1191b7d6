import { expect, test } from "@playwright/test";
import { mocks } from "../mocks/registry.ts";
import { loadMock, mockIds } from "../mocks/load-mock.ts";
import { loadDriver } from "./load-driver.ts";
import { vendorIds, vendors } from "./registry.ts";

// A worker loads one vendor at a time through these; the CLI and the matrices use the registries. They must not drift.
test("each vendor's driver and mock load on their own as the very objects the registries hold", async () => {
  expect([...mockIds].sort()).toEqual([...vendorIds].sort());
  expect(Object.keys(mocks).sort()).toEqual([...vendorIds].sort());
  for (const id of vendorIds) {
    expect(await loadDriver(id), id).toBe(vendors[id]);
    expect(await loadMock(id), id).toBe(mocks[id]);
  }
});

test("an unknown vendor loads nothing, and names on the prototype are not vendors", async () => {
  for (const id of ["nope", "toString", "__proto__", "constructor"]) {
    expect(await loadDriver(id), id).toBeUndefined();
    expect(await loadMock(id), id).toBeUndefined();
  }
});
