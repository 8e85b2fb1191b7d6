import { expect, test } from "@playwright/test";
import { Readable } from "node:stream";
import { request } from "undici";
import { controlmMock } from "../vendors/controlm/mock/index.ts";
import { startMock } from "./server.ts";

test("bodies over 1 MiB are refused with 413, declared or chunked, before the vendor sees them", async () => {
  const mock = await startMock(controlmMock);
  const big = "x".repeat(1024 * 1024 + 10);
  const declared = await request(`${mock.baseUrl}/session/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: big,
  });
  expect(declared.statusCode).toBe(413);
  await declared.body.dump();
  async function* chunks() {
    for (let i = 0; i < 20; i++) yield Buffer.alloc(64 * 1024, 120);
  }
  const chunked = await request(`${mock.baseUrl}/session/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: Readable.from(chunks()),
  });
  expect(chunked.statusCode).toBe(413);
  await chunked.body.dump();
  const small = await request(`${mock.baseUrl}/session/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "emuser", password: "empass-1234" }),
  });
  expect(small.statusCode).toBe(200);
  await small.body.dump();
  await mock.close();
});
