import { expect, test } from "@playwright/test";
import { mocks } from "../../../../test-support/mocks.ts";
import { resolveOptions } from "../../../targets/options.ts";
import { deploymentFacts } from "./deployment.ts";
import { vmanage } from "./index.ts";
import { logoutMethod } from "./logout.ts";
import type { DriverContext } from "../../../vendor-api/driver.ts";

const facts = (declared: Record<string, string>) => deploymentFacts(resolveOptions(vmanage, declared).options);

test("deployment options carry the mock's --set names and the documented defaults", () => {
  const mockOptions = Object.keys(mocks.vmanage?.optionHelp ?? {});
  for (const name of Object.keys(vmanage.deploymentOptions)) expect(mockOptions, name).toContain(name);
  expect(resolveOptions(vmanage, {}).options).toEqual({
    sessionCap: "100",
    logoutMethod: "post",
    xsrfToken: "enforced",
    xsrfAllowList: "",
  });
  expect(resolveOptions(vmanage, { logoutMethod: "delete" }).problems.map((p) => p.name)).toEqual(["logoutMethod"]);
});

test("facts: the token endpoint and a guarded query POST exist from 19.2 on; an allow-listed query is passed over", () => {
  expect(facts({})).toMatchObject({
    xsrfTokenEndpoint: "client/token",
    xsrfCheckedQuery: "alarms",
    xsrfExemptQuery: undefined,
    missingXsrfTokenEndpoint: undefined,
    postLogout: "POST",
    otherLogoutMethod: "POST",
  });
  expect(facts({ xsrfAllowList: "/dataservice/alarms" })).toMatchObject({
    xsrfCheckedQuery: "statistics/interface",
    xsrfExemptQuery: "alarms",
  });
  expect(facts({ xsrfAllowList: "/dataservice/alarms, /dataservice/statistics/interface" }).xsrfCheckedQuery).toBeUndefined();
  // An allow-listed path that is no query POST the scenarios know gives no exempt query to try.
  expect(facts({ xsrfAllowList: "/dataservice/template/feature" }).xsrfExemptQuery).toBeUndefined();
  expect(facts({ xsrfToken: "absent" })).toMatchObject({
    xsrfTokenEndpoint: undefined,
    xsrfCheckedQuery: undefined,
    xsrfExemptQuery: undefined,
    missingXsrfTokenEndpoint: "client/token",
    postLogout: undefined,
  });
});

test("facts: one use of every session up to the cap takes half a second each; a cap that is no whole number has none", () => {
  expect(facts({}).oneUseOfEveryCapSession).toBe("50000ms");
  expect(facts({ sessionCap: "20" }).oneUseOfEveryCapSession).toBe("10000ms");
  // A targets file cannot declare such a cap (resolveOptions refuses it before any request); the fact stays safe anyway.
  expect(resolveOptions(vmanage, { sessionCap: "many" }).problems.map((p) => p.message)).toEqual([
    'option sessionCap must be a whole number at least 1; got "many"',
  ]);
  expect(deploymentFacts({ sessionCap: "many" }).oneUseOfEveryCapSession).toBeUndefined();
});

test("facts: the second logout method is GET where both are served, else the one method; no POST logout on a GET-only release", () => {
  expect(facts({ logoutMethod: "both" }).otherLogoutMethod).toBe("GET");
  expect(facts({ logoutMethod: "get" })).toMatchObject({ otherLogoutMethod: "GET", postLogout: undefined });
});

test("the driver logs out with POST unless the target serves only GET; a step's with: method wins", () => {
  const ctx = (options: Record<string, string>) => ({ target: { options } }) as unknown as DriverContext;
  expect(logoutMethod(ctx({ logoutMethod: "post" }), {})).toBe("POST");
  expect(logoutMethod(ctx({ logoutMethod: "both" }), {})).toBe("POST");
  expect(logoutMethod(ctx({ logoutMethod: "get" }), {})).toBe("GET");
  expect(logoutMethod(ctx({ logoutMethod: "post" }), { method: "GET" })).toBe("GET");
});
