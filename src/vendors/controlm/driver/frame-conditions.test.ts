import { expect, test } from "@playwright/test";
import { loadedOrThrow, runSuite, suiteFrom } from "../../../../test-support/controlm-token-run.ts";
import "../../../../test-support/drivers.ts";

// Frame conditions: what a behaviour must leave alone (other carriers, other sessions, the rest
// of a list). Each proof runs the suite's own scenario against a defect its old form let pass.
const session = loadedOrThrow("src/vendors/controlm/suites/session.yaml");
const tokens = loadedOrThrow("src/vendors/controlm/suites/api-tokens.yaml");
const only = (suite: typeof session, id: string) => ({
  ...suite,
  scenarios: suite.scenarios.filter((s) => s.scenario.covers.includes(id)),
});
const X_API_KEY_LIVE = "session default live, credential sent as x-api-key";

test("CTM-S-07: a logged-out token still taken as x-api-key fails the logout step, on servers that refuse live session tokens there and on those that take them", async () => {
  for (const mode of ["refused", "accepted"] as const) {
    const mockOptions = { sessionTokenAsApiKey: mode };
    const [clean] = await runSuite(only(session, "CTM-S-07"), { mockOptions });
    expect(clean?.error, mode).toBeUndefined();
    // Unverified while live: whatever the server does is recorded, not judged.
    const live = clean?.observations.find((o) => o.label === X_API_KEY_LIVE)?.value;
    expect(live, mode).toBe(mode === "accepted" ? "200 (ok)" : "401 (unauthenticated)");
    const [broken] = await runSuite(only(session, "CTM-S-07"), { mockOptions, defects: ["logout-keeps-api-key-carrier"] });
    expect(broken?.failureKind, mode).toBe("expectation");
    expect(broken?.error).toMatch(/step 2 "logout".*\n?[\s\S]*expected invalid[^\n]*, but its credential sent as x-api-key says ok/);
    expect(broken?.error).not.toMatch(/the probe \(config-servers\) says ok/);
  }
});

test("CTM-S-07: a logout that ends every session of the user is caught by the same-user bystander, after the last step", async () => {
  const [run] = await runSuite(only(session, "CTM-S-07"), { defects: ["logout-ends-all-user-sessions"] });
  expect(run?.failureKind).toBe("expectation");
  expect(run?.error).toMatch(/a second session of the scenario's account must be untouched/);
  expect(run?.error).not.toMatch(/session of the second user/);
  expect(run?.sessionsLeft).toBe(0);
});

test("CTM-A-10: roles merged on update passed the old widening-only scenario; the narrowing step now fails", async () => {
  const old = suiteFrom(`
  - name: the old form, roles only ever widened
    covers: [CTM-A-10]
    steps:
      - login: {}
      - action: create-token
        with: { tokenName: "sp-\${random}-upd", roles: [User], expirationDate: "\${date+10d}" }
        expect: { status: 200 }
      - action: update-token
        with: { tokenName: "sp-\${random}-upd", roles: [Admin, User], expirationDate: "\${date+20d}" }
        expect: { status: 200, body: { roles: { contains: Admin } } }
      - action: get-token
        with: { tokenName: "sp-\${random}-upd" }
        expect: { status: 200, body: { roles: { contains: Admin } } }
`);
  const [oldRun] = await runSuite(old, { defects: ["update-merges-roles"] });
  expect(oldRun?.error).toBeUndefined();
  const [run] = await runSuite(only(tokens, "CTM-A-10"), { defects: ["update-merges-roles"] });
  expect(run?.failureKind).toBe("expectation");
  expect(run?.error).toMatch(/narrow the roles and move the date earlier[\s\S]*roles: expected to match/);
  expect(run?.tokensLeft).toEqual([]);
});

test("CTM-A-11: a delete that also removes the user's token of a longer name is caught where the list no longer holds it", async () => {
  const [run] = await runSuite(only(tokens, "CTM-A-11"), { defects: ["delete-removes-name-prefix"] });
  expect(run?.failureKind).toBe("expectation");
  expect(run?.error).toMatch(/the list no longer holds it, and still holds the other token[\s\S]*text: expected to contain/);
  expect(run?.tokensLeft).toEqual([]);
});
