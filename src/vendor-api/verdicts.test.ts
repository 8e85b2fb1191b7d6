import { expect, test } from "@playwright/test";
import { verdictOfStatus } from "./verdicts.ts";

test("the common ladder: 2xx ok, 401 unauthenticated, 403 forbidden, 5xx error, anything else rejected", () => {
  const seen = Object.fromEntries([100, 200, 204, 299, 302, 400, 401, 403, 404, 499, 500, 503].map((s) => [s, verdictOfStatus(s)]));
  expect(seen).toEqual({
    100: "rejected",
    200: "ok",
    204: "ok",
    299: "ok",
    302: "rejected",
    400: "rejected",
    401: "unauthenticated",
    403: "forbidden",
    404: "rejected",
    499: "rejected",
    500: "error",
    503: "error",
  });
});
