import { expect, test } from "@playwright/test";
import { login, newHost } from "../../../../test-support/vmanage-mock.ts";
import { vmanageMock } from "./index.ts";

test("every documented absence, on every variant, answers its status with a session and is not journaled as unmodelled", async () => {
  const seen = new Set<string>();
  for (const variant of [undefined, ...vmanageMock.variants]) {
    const host = newHost({ options: variant?.options ?? {} });
    const cookie = await login(host);
    for (const absence of host.instance.documentedAbsent ?? []) {
      const where = `${variant?.name ?? "default"}: ${absence.method} ${absence.path}`;
      const res = await host.app.request(absence.path, { method: absence.method, headers: { cookie } });
      expect(res.status, where).toBe(absence.status);
      seen.add(`${absence.method} ${absence.path}`);
    }
    const journal = (await (await host.app.request("/__sessionprobe/unmodelled")).json()) as { entries: unknown[] };
    expect(journal.entries, variant?.name ?? "default").toEqual([]);
  }
  expect([...seen].sort()).toEqual(["GET /dataservice/client/token", "GET /logout", "POST /logout"]);
});
