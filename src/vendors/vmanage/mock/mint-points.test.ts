import { expect, test } from "@playwright/test";
import { createMockHost } from "../../../mock-kit/host.ts";
import { vmanageMock } from "./index.ts";
import { form, get, login } from "../../../../test-support/vmanage-mock.ts";

/** The leak proof relies on the mock saying what it minted, where it minted it (not on parsing responses). */
test("every JSESSIONID, XSRF token and no-session cookie value the mock creates is recorded as issued", async () => {
  const issued: { value: string; kind: string }[] = [];
  const host = createMockHost(vmanageMock);
  // The mock's own context, with a recorder of our own: what was minted, and as what.
  const instance = vmanageMock.create({
    clock: host.clock,
    config: host.config,
    defect: () => false,
    issued: (value, kind) => issued.push({ value, kind }),
  });
  const res = await instance.app.request("/j_security_check", form("admin", "admin-pass-1"));
  const cookie = res.headers.get("set-cookie")?.split(";")[0] ?? "";
  const token = await (await instance.app.request("/dataservice/client/token", { headers: { cookie } })).text();
  const noSession = await instance.app.request("/dataservice/device", { headers: { cookie: "JSESSIONID=NOT-A-SESSION" } });
  const expiring = /^JSESSIONID=([^;]+)/.exec(noSession.headers.get("set-cookie") ?? "")?.[1];
  expect(issued).toEqual([
    { value: cookie.slice("JSESSIONID=".length), kind: "session id" },
    { value: token, kind: "xsrf token" },
    { value: expiring, kind: "cookie value" },
  ]);
});

test("a host recording issued values collects them for the control plane", async () => {
  const host = createMockHost(vmanageMock, { recordIssued: true });
  const cookie = await login(host);
  const token = await (await get(host, "/dataservice/client/token", cookie)).text();
  expect(host.issued.list()).toEqual(expect.arrayContaining([cookie.slice("JSESSIONID=".length), token]));
});
