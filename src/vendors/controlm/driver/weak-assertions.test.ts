import { expect, test } from "@playwright/test";
import { planScenario } from "../../../engine/plan.ts";
import { checkResponse } from "../../../engine/expectations.ts";
import type { HttpResponse } from "../../../http/exchange.ts";
import { interpolate } from "../../../scenario/interpolate.ts";
import type { Expect } from "../../../scenario/schema.ts";
import { controlm } from "./index.ts";
import { loadedOrThrow, runSuite, suiteFrom } from "../../../../test-support/controlm-token-run.ts";
import "../../../../test-support/drivers.ts";
import { realTarget } from "../../../../test-support/real-target.ts";

// Issue 13 #9: each strengthened scenario fails on a server its old form let pass.
const session = loadedOrThrow("src/vendors/controlm/suites/session.yaml");
const tokens = loadedOrThrow("src/vendors/controlm/suites/api-tokens.yaml");
const only = (suite: typeof session, id: string) => ({
  ...suite,
  scenarios: suite.scenarios.filter((s) => s.scenario.covers.includes(id)),
});

test("CTM-S-05: a token that lives 45 of 30 minutes passed the old check at 60 minutes after issue; now it fails just past the validity", async () => {
  const old = suiteFrom(
    `
  - name: the old form, refusal checked 60 minutes after issue
    covers: [CTM-S-05]
    steps:
      - login: {}
      - expire: { idle: before }
      - use: config-servers
        expect: { status: 200 }
      - expire: { absolute: past }
      - use: config-servers
        expect: { status: 401 }
`,
    "session",
  );
  const [oldRun] = await runSuite(old, { defects: ["token-outlives-validity"] });
  expect(oldRun?.error).toBeUndefined();
  const [run] = await runSuite(only(session, "CTM-S-05"), { defects: ["token-outlives-validity"] });
  expect(run?.failureKind).toBe("expectation");
  expect(run?.error).toMatch(/just past the validity.*\n?.*status: expected 401, got 200/);
});

test("CTM-A-09: a token refused from the day before its date passed the old check (2 days after a date of tomorrow); now the day before is tried", async () => {
  const [run] = await runSuite(only(tokens, "CTM-A-09"), { defects: ["token-expires-day-before"] });
  expect(run?.failureKind).toBe("expectation");
  expect(run?.error).toMatch(/the day before its expiration date.*\n?.*status: expected 200, got 401/);
  const [clean] = await runSuite(only(tokens, "CTM-A-09"));
  expect(clean?.error).toBeUndefined();
});

test("CTM-A-02: createdDate must be there and start with a YYYY-MM-DD date (a date or an ISO-8601 date-time), no longer only observed", () => {
  const loaded = only(tokens, "CTM-A-02").scenarios[0];
  const create = loaded?.steps.find((s) => "action" in s.step && s.step.action === "create-token");
  if (!create) throw new Error("no create step");
  const now = Date.UTC(2026, 0, 15, 9);
  const scope = { captures: {}, credentials: { username: "emuser" }, users: {}, random: "r1", now, options: {} };
  const expectation = interpolate(create.step.expect, scope) as Expect;
  const response = (extra: Record<string, unknown>): HttpResponse => {
    const parsed = {
      tokenName: "sp-r1-bearer",
      tokenType: "User",
      tokenValue: "v-1234567890",
      user: "emuser",
      roles: ["User"],
      expirationDate: "2026-02-14",
      ...extra,
    };
    return { status: 200, headers: { "content-type": "application/json" }, setCookies: [], text: JSON.stringify(parsed), parsed };
  };
  expect(checkResponse(response({ createdDate: "2026-01-15" }), expectation, now).failures).toEqual([]);
  expect(
    checkResponse(response({ createdDate: "2026-01-15T09:00:00.000Z", expirationDate: "2026-02-14T00:00:00.000Z" }), expectation, now)
      .failures,
  ).toEqual([]);
  expect(checkResponse(response({}), expectation, now).failures.join("\n")).toMatch(/body\.createdDate: expected to match/);
  expect(checkResponse(response({ createdDate: "15/01/2026" }), expectation, now).failures.join("\n")).toMatch(/body\.createdDate/);
});

test("CTM-S-09 on a real target without a disposable account: the refusal still runs, the new-password login is not asserted (never an unknown user's 401)", () => {
  const real = realTarget("staging", "controlm", {
    baseUrl: "https://ctm.example:8443/automation-api",
    timeouts: { lifetimeMs: 30 * 60_000 },
  });
  const plans = only(session, "CTM-S-09").scenarios.map((s) => ({ name: s.scenario.name, skip: planScenario(s, real, controlm).skip }));
  expect(plans).toEqual([
    {
      name: "a password update with a wrong current password, a missing password or a malformed body is refused and the password still logs in",
      skip: undefined,
    },
    {
      name: "after a refused password update the proposed new password does not log in",
      skip: expect.stringMatching(/^not asserted on this target: it sends a wrong password for a real account/),
    },
  ]);
  // The step that is not asserted logs in as the real account: no username of its own.
  const newPasswordLogin = only(session, "CTM-S-09").scenarios[1]?.steps.find(
    (s) => s.step.title === "the proposed new password does not log in",
  );
  if (!newPasswordLogin || !("login" in newPasswordLogin.step)) throw new Error("no new-password login step");
  expect(newPasswordLogin.step.login).toEqual({ password: "Np-${random}-x9" });
});

test("CTM-S-09: both ways of breaking it are caught, a 200 for a wrong current password and a 400 that changed the password anyway", async () => {
  for (const defect of ["password-update-skips-current-check", "refused-password-update-applied"]) {
    const runs = await runSuite(only(session, "CTM-S-09"), { defects: [defect] });
    expect(
      runs.map((r) => r.failureKind),
      defect,
    ).toEqual(["expectation", "expectation"]);
  }
});
