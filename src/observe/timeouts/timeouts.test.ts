import { expect, test } from "@playwright/test";
import { findDriver } from "../../vendors/registry.ts";
import { VirtualTime } from "../../engine/time.ts";
import { Transport } from "../../http/transport.ts";
import { startMock } from "../../mock-kit/server.ts";
import { vmanageMock } from "../../vendors/vmanage/mock/index.ts";
import { mockTarget } from "../../targets/mock-target.ts";
import { systemClock } from "../../time/clock.ts";
import { findTimeout } from "./bisect.ts";
import { agrees, describeMeasured } from "./format.ts";
import { SessionOps } from "./session-ops.ts";
import { measureStaggered } from "./staggered.ts";
import { openSessionCount } from "../../targets/control-plane-client.ts";
import "../../../test-support/drivers.ts";

const MINUTE = 60_000;
const deadFrom = (timeoutMs: number) => async (age: number) => age >= timeoutMs;

test("bisection finds a timeout to the second; a right guess costs two experiments, a wrong one about log2(range)", async () => {
  const right = await findTimeout(deadFrom(30 * MINUTE), { guessMs: 30 * MINUTE, boundMs: 24 * 60 * MINUTE, resolutionMs: 1000 });
  expect(right).toEqual({ measuredMs: 30 * MINUTE, aliveAtMs: 30 * MINUTE - 1000, experiments: 2 });
  const wrong = await findTimeout(deadFrom(17 * MINUTE + 23_000), { guessMs: 30 * MINUTE, boundMs: 60 * MINUTE, resolutionMs: 1000 });
  expect(wrong.measuredMs).toBe(17 * MINUTE + 23_000);
  expect(wrong.experiments).toBeLessThanOrEqual(14);
  const blind = await findTimeout(deadFrom(45 * MINUTE), { boundMs: 60 * MINUTE, resolutionMs: 1000 });
  expect(blind.measuredMs).toBe(45 * MINUTE);
  expect(blind.experiments).toBeLessThanOrEqual(13);
});

test("a session still alive at the bound has no limit up to it", async () => {
  const none = await findTimeout(async () => false, { guessMs: 30 * MINUTE, boundMs: 60 * MINUTE, resolutionMs: 1000 });
  expect(none).toEqual({ measuredMs: null, aliveAtMs: 60 * MINUTE, experiments: 2 });
  expect(
    describeMeasured({ documentedMs: 30 * MINUTE, measuredMs: null, aliveAtMs: 60 * MINUTE, resolutionMs: 1000, method: "bisection" }),
  ).toBe("none up to 1h");
  expect(
    agrees({
      documentedMs: 30 * MINUTE,
      configuredMs: null,
      measuredMs: null,
      aliveAtMs: 60 * MINUTE,
      resolutionMs: 1000,
      method: "bisection",
    }),
  ).toBe("matches");
  expect(
    agrees({ documentedMs: 30 * MINUTE, measuredMs: 20 * MINUTE, aliveAtMs: 20 * MINUTE - 1000, resolutionMs: 1000, method: "bisection" }),
  ).toBe("differs");
});

test("staggered sessions (the real-target method) bracket the idle timeout within the resolution, with one wait", async () => {
  const running = await startMock(vmanageMock);
  const driver = findDriver("vmanage");
  if (!driver) throw new Error("no vmanage driver");
  const target = mockTarget(running, driver);
  if (!target.controlUrl) throw new Error("no vmanage control plane");
  const transport = new Transport({ timeoutMs: 5_000, clock: systemClock });
  try {
    const time = new VirtualTime(target.controlUrl, transport);
    await time.start();
    const ops = new SessionOps({ target, driver, transport, time }, {});
    const found = await measureStaggered(ops, time, { centerMs: 30 * MINUTE, windowMs: 2 * MINUTE, resolutionMs: 10_000, log: () => {} });
    expect(found.experiments).toBe(13);
    expect(found.measuredMs).toBe(30 * MINUTE);
    expect(found.aliveAtMs).toBe(30 * MINUTE - 10_000);
    expect(await openSessionCount(transport, target.controlUrl as string), "every measuring session is logged out").toBe(0);
  } finally {
    await transport.close();
    await running.close();
  }
});
