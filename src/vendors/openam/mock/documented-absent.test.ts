import { expect, test } from "@playwright/test";
import { login, newHost, SESSIONS_VERSION } from "../../../../test-support/openam-mock.ts";
import { openamMock } from "./index.ts";

test("every documented absence, on every variant, answers its status to a caller with a session and is not journaled as unmodelled", async () => {
  const seen = new Set<string>();
  for (const variant of [undefined, ...openamMock.variants]) {
    const host = newHost({ options: variant?.options ?? {} });
    const { token } = await login(host);
    expect(token, variant?.name ?? "default").not.toBe("");
    // The SSO header is named as the cookie is (a tenant may rename it).
    const ssoHeader = host.config.options.cookieName || "iPlanetDirectoryPro";
    for (const absence of host.instance.documentedAbsent ?? []) {
      const where = `${variant?.name ?? "default"}: ${absence.method} ${absence.path}`;
      const res = await host.app.request(absence.path, {
        method: absence.method,
        headers: { "content-type": "application/json", "accept-api-version": SESSIONS_VERSION, [ssoHeader]: token },
        ...(absence.method === "GET" ? {} : { body: "{}" }),
      });
      expect(res.status, where).toBe(absence.status);
      expect(((await res.json()) as { code?: number }).code, where).toBe(absence.status);
      seen.add(`${absence.method} ${absence.path.replace(/^\/[^/]*\/json/, "/json")}`);
    }
    const journal = (await (await host.app.request("/__sessionprobe/unmodelled")).json()) as { entries: unknown[] };
    expect(journal.entries, variant?.name ?? "default").toEqual([]);
  }
  expect(seen.size).toBe(2);
});

test("a resource the mock does not model, in the same realm, is still unmodelled", async () => {
  const host = newHost();
  const res = await host.app.request("/am/json/realms/root/nosuchresource");
  expect(res.status).toBe(404);
  expect(await res.json()).toEqual({ code: 404, reason: "Not Found", message: "Not Found" });
  const journal = (await (await host.app.request("/__sessionprobe/unmodelled")).json()) as { entries: { path: string }[] };
  expect(journal.entries.map((e) => e.path)).toEqual(["/am/json/realms/root/nosuchresource"]);
});
