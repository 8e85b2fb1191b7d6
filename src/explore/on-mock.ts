import { VirtualTime } from "../engine/time.ts";
import { MockRun } from "../in-process/mock-run.ts";
import { variantSetup } from "../vendors/variants.ts";
import type { MockVariant, VendorMock } from "../vendor-api/mock.ts";
import { explore, type ExploreOptions, type ExploreOutcome } from "./explore.ts";
import type { VendorModel } from "./model.ts";

/**
 * Exploration against a built-in mock in this process, on its virtual clock: each run
 * starts from the mock's seeded state. A variant is declared as a team would declare its
 * server (its options and timeouts); defects are switched on from the start.
 */
export async function exploreMock<M extends object>(
  mock: VendorMock,
  model: VendorModel<M>,
  options: ExploreOptions & {
    defects?: readonly string[];
    variant?: MockVariant;
    /** Timeouts and options on top of the variant (a setting of the timeout sweep). */
    setup?: { idleMs?: number | null; lifetimeMs?: number | null; options?: Record<string, string> };
  },
): Promise<ExploreOutcome> {
  const { host, declared } = variantSetup(options.variant, options.setup);
  const run = await MockRun.start(mock, { ...host, defects: options.defects ?? [] }, declared);
  try {
    return await explore(
      {
        target: run.target,
        driver: run.driver,
        transport: run.transport,
        freshTime: async () => {
          const time = new VirtualTime(run.target.controlUrl as string, run.transport);
          await time.start({ reset: true });
          return time;
        },
      },
      model,
      options,
    );
  } finally {
    await run.stop();
  }
}
