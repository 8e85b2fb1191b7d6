import { expect, test } from "@playwright/test";
import { redact } from "../../../redact/secrets.ts";
import { suiteFrom, runSuite } from "../../../../test-support/controlm-token-run.ts";

// Every token a scenario creates is deleted by logout: explicit, or the engine's teardown after a failure.

const failing = suiteFrom(`
  - name: creates through both kinds of session, renames, duplicates, then fails
    covers: [CTM-A-02]
    steps:
      - login: {}
      - login: { user: other }
        as: ops
      - login: {}
        as: key
        with: { apiKey: "\${credentials.apiKey}" }
      - action: create-token
        with: { tokenName: "sp-\${random}-a", roles: [User] }
        capture: { a: body.tokenValue }
      - action: create-token
        with: { tokenName: "sp-\${random}-a", roles: [User] }
      - action: create-token
        as: ops
        with: { tokenName: "sp-\${random}-ops", roles: [Viewer] }
      - action: create-token
        as: key
        with: { tokenName: "sp-\${random}-b", roles: [User] }
      - action: create-token
        as: key
        with: { tokenName: "sp-\${random}-c", roles: [User] }
      - action: update-token
        as: key
        with: { tokenName: "sp-\${random}-c", newTokenName: "sp-\${random}-c2", roles: [User], expirationDate: null }
      - action: delete-token
        with: { tokenName: "sp-\${random}-b" }
      - login: {}
        as: child
        with: { apiKey: "\${a}" }
      - use: config-servers
        expect: { status: 599 }
`);

test("teardown deletes every created token after a failure, through Bearer and API-key sessions, following renames and duplicates", async () => {
  const [run] = await runSuite(failing, { defects: ["update-renames", "duplicate-names-allowed"] });
  expect(run?.error).toMatch(/599/);
  expect(run?.tokensLeft).toEqual([]);
  expect(run?.sessionsLeft).toBe(0);
  expect(run?.teardownFailures).toEqual([]);
  // default, ops and key delete their tokens; child (an API key, created nothing) is checked and closed.
  expect(run?.closedInTeardown).toBe(4);
  const deletes = run?.exchanges.filter((e) => e.request.method === "DELETE").map((e) => e.response.status);
  // b was deleted explicitly by another session of the same user: its creator's teardown delete finds it gone (404).
  expect(deletes?.sort()).toEqual([200, 200, 200, 200, 200, 404]);
});

test("token values never reach a redacted artifact", async () => {
  const [run] = await runSuite(failing, { defects: ["update-renames", "duplicate-names-allowed"] });
  const values = (run?.exchanges ?? [])
    .map((e) => (e.response.parsed as { tokenValue?: unknown } | undefined)?.tokenValue)
    .filter((v): v is string => typeof v === "string" && v !== "********");
  expect(values.length).toBeGreaterThan(1);
  const artifact = redact(JSON.stringify(run?.exchanges));
  for (const value of values) expect(artifact).not.toContain(value);
});

test("an explicit logout step deletes the session's tokens; an API-key session's logout answers with the last delete", async () => {
  const suite = suiteFrom(`
  - name: logs out explicitly
    covers: [CTM-A-02]
    steps:
      - login: {}
        as: key
        with: { apiKey: "\${credentials.apiKey}" }
      - action: create-token
        as: key
        with: { tokenName: "sp-\${random}-k", roles: [User] }
      - logout: {}
        as: key
        expect: { status: 200, schema: controlm/success-data }
      - use: config-servers
        as: key
        title: the seeded key itself is never deleted
        expect: { status: 200 }
      - login: {}
      - action: create-token
        with: { tokenName: "sp-\${random}-b", roles: [User] }
      - logout: {}
        expect: { status: 200, schema: controlm/success-data, session: invalid }
      - login: {}
        as: idle
        with: { apiKey: "\${credentials.apiKey}" }
      - logout: {}
        as: idle
        title: nothing to delete, the key is checked
        expect: { status: 200, body: { "[0].name": { nonEmpty: true } } }
`);
  const [run] = await runSuite(suite);
  expect(run?.error).toBeUndefined();
  expect(run?.tokensLeft).toEqual([]);
  expect(run?.closedInTeardown).toBe(0);
});
