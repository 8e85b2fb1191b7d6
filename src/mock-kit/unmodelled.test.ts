import { expect, test } from "@playwright/test";
import { Hono } from "hono";
import type { MockInstance, VendorMock } from "../vendor-api/mock.ts";
import { loadMocks } from "../vendors/registry.ts";
import { createMockHost } from "./host.ts";
import { isDocumentedAbsent } from "./unmodelled.ts";

/**
 * A tiny vendor whose author "forgot" routes: it models GET /known only, declines
 * GET /declined from inside a route, and documents GET /gone as absent (its notFound
 * answers it). It never marks anything unmodelled itself.
 */
function testVendor(withNotFound = true): VendorMock {
  return {
    id: "tiny",
    title: "a tiny test vendor",
    defects: [],
    variants: [],
    defaults: { options: {} },
    optionHelp: {},
    users: {},
    create: () => {
      const app = new Hono();
      app.get("/known", (c) => c.text("here"));
      app.get("/declined", (c) => c.notFound());
      const instance: MockInstance = {
        app,
        documentedAbsent: [{ method: "GET", path: "/gone?why=1", status: 404, why: "the tiny vendor's docs: /gone is gone" }],
        reset: () => {},
        openSessions: () => [],
      };
      if (withNotFound)
        instance.notFound = (c) =>
          c.req.path === "/known" ? c.json({ error: "method not allowed" }, 405) : c.json({ error: `no ${c.req.path}` }, 404);
      return instance;
    },
  };
}

async function unmodelled(host: ReturnType<typeof createMockHost>): Promise<string[]> {
  const res = await host.app.request("/__sessionprobe/unmodelled");
  return ((await res.json()) as { entries: { method: string; path: string }[] }).entries.map((e) => `${e.method} ${e.path}`);
}

test("whatever no route answers is journaled as unmodelled by default, with the vendor's own answer", async () => {
  const host = createMockHost(testVendor());
  expect(await (await host.app.request("/known")).text()).toBe("here");
  const forgotten = await host.app.request("/forgotten");
  expect(forgotten.status).toBe(404);
  expect(await forgotten.json()).toEqual({ error: "no /forgotten" });
  // A method no route of a known path takes: the vendor picks 405, the kit still calls it a gap.
  const wrongMethod = await host.app.request("/known", { method: "DELETE" });
  expect(wrongMethod.status).toBe(405);
  expect((await host.app.request("/declined")).status).toBe(404);
  expect(await unmodelled(host)).toEqual(["GET /forgotten", "DELETE /known", "GET /declined"]);
});

test("a documented absence the vendor's notFound answers is not unmodelled; another method on its path is", async () => {
  const host = createMockHost(testVendor());
  const gone = await host.app.request("/gone?why=2");
  expect(gone.status).toBe(404);
  expect(await gone.json()).toEqual({ error: "no /gone" });
  await host.app.request("/gone", { method: "POST" });
  await host.app.request("/gone/below");
  expect(await unmodelled(host)).toEqual(["POST /gone", "GET /gone/below"]);
  expect(host.journal.entries().map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
    "GET /gone 404",
    "POST /gone 404",
    "GET /gone/below 404",
  ]);
});

test("a vendor with no notFound of its own gets Hono's plain 404, still journaled as unmodelled", async () => {
  const host = createMockHost(testVendor(false));
  const res = await host.app.request("/forgotten");
  expect(res.status).toBe(404);
  expect(await res.text()).toBe("404 Not Found");
  expect(await unmodelled(host)).toEqual(["GET /forgotten"]);
});

test("a declared absence matches its method (or *) and its path without the query", () => {
  const absent = [
    { method: "GET", path: "/a?x=1", status: 404, why: "w" },
    { method: "*", path: "/b", status: 405, why: "w" },
  ];
  expect(isDocumentedAbsent(absent, "GET", "/a")).toBe(true);
  expect(isDocumentedAbsent(absent, "POST", "/a")).toBe(false);
  expect(isDocumentedAbsent(absent, "PATCH", "/b")).toBe(true);
  expect(isDocumentedAbsent(absent, "GET", "/b/c")).toBe(false);
});

test("every vendor's documented absences, on every variant, are well formed and name their evidence", async () => {
  const mocks = await loadMocks();
  const declaring = new Set<string>();
  for (const [id, mock] of Object.entries(mocks)) {
    for (const variant of [undefined, ...mock.variants]) {
      const host = createMockHost(mock, { options: variant?.options ?? {} });
      for (const absence of host.instance.documentedAbsent ?? []) {
        const where = `${id} ${variant?.name ?? "default"} ${absence.method} ${absence.path}`;
        expect(absence.method, where).toMatch(/^(\*|[A-Z]+)$/);
        expect(absence.path, where).toMatch(/^\//);
        expect(absence.status, where).toBeGreaterThanOrEqual(400);
        expect(absence.why.length, where).toBeGreaterThan(10);
        declaring.add(id);
      }
    }
  }
  // vManage (the token before 19.2, the other /logout method) and AM (unknown actions, /sessions/<id>) document some.
  expect([...declaring].sort()).toEqual(expect.arrayContaining(["openam", "vmanage"]));
});
