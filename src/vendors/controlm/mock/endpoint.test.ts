import { expect, test } from "@playwright/test";
import { startMock } from "../../../mock-kit/server.ts";
import { controlmMock } from "./index.ts";
import { seededUsers } from "./state.ts";

const user = seededUsers.default as { username: string; password: string };

/** The vendor doc's curl, pointed at the mock as at a real server: `$endpoint` = https://<host>:8443/automation-api. */
test("the documented curl login against <base>/automation-api answers 200; the token works there; the root serves the same routes", async () => {
  const running = await startMock(controlmMock);
  try {
    const endpoint = `${running.baseUrl}/automation-api`;
    // login=$(curl -H "Content-Type: application/json" -X POST -d "{\"username\":\"$user\",\"password\":\"$passwd\"}" "$endpoint/session/login")
    const login = await fetch(`${endpoint}/session/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username: user.username, password: user.password }),
    });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };
    expect(token).toMatch(/^[0-9A-F]{128}$/);
    const auth = { Authorization: `Bearer ${token}` };
    expect((await fetch(`${endpoint}/config/servers`, { headers: auth })).status).toBe(200);
    // curl -g -k -H "Authorization: Bearer $token" -X POST "$endpoint/session/logout"
    expect((await fetch(`${endpoint}/session/logout`, { method: "POST", headers: auth })).status).toBe(200);
    expect((await fetch(`${endpoint}/config/servers`, { headers: auth })).status).toBe(401);
    const atRoot = await fetch(`${running.baseUrl}/session/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(user),
    });
    expect(atRoot.status).toBe(200);
  } finally {
    await running.close();
  }
});

test("a path below /automation-api that no route models answers an ErrorList 404 and is journaled as unmodelled", async () => {
  const running = await startMock(controlmMock);
  try {
    const answer = await fetch(`${running.baseUrl}/automation-api/session/nothing`, { method: "POST" });
    expect(answer.status).toBe(404);
    expect(((await answer.json()) as { errors: { message: string }[] }).errors[0]?.message).toBeTruthy();
    const journal = (await (await fetch(`${running.baseUrl}/__sessionprobe/unmodelled`)).json()) as { entries: { path: string }[] };
    expect(journal.entries.map((e) => e.path)).toEqual(["/automation-api/session/nothing"]);
  } finally {
    await running.close();
  }
});

test("the banner names the Automation API endpoint path and the predefined secret's key", () => {
  expect(controlmMock.basePath).toBe("/automation-api");
  const lines =
    controlmMock.create({ clock: { now: () => 0 }, config: { options: {} }, defect: () => false, issued: () => {} }).banner?.() ?? [];
  expect(lines.join("\n")).toMatch(/endpoint.*\/automation-api/);
  expect(lines.join("\n")).toContain("emuser-password");
});
