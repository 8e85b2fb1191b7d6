import type { Behaviour, CatalogueCorrection, ServiceInfo } from "./behaviour.ts";
import type { VendorDriver } from "./driver.ts";
import type { EvidenceProfile } from "./evidence.ts";
import type { VendorMock } from "./mock.ts";
import type { DocumentedTimeouts, MeasurePlan, SweepSetup, TimeoutSetting } from "./timeouts.ts";

/**
 * Everything the harness knows about one vendor, in one record: its folder exports it as
 * `vendor` from index.ts (src/vendors/<id>/index.ts, or a team's own folder named in
 * sessionprobe.json `vendors`). The facts here are plain data every report and check reads;
 * the driver and the mock (with the vendor's legal variants and named defects) load only when
 * a run needs them, so a Playwright worker that drives one vendor never loads another's code.
 */
export interface Vendor {
  /** Lower-case, unique: the `vendor:` of its suites and targets, the `sessionprobe mock <id>` argument. */
  id: string;
  title: string;
  /**
   * The vendor's folder. Below it, by name: `suites/` (its scenario files), `schemas/`
   * (`expect: { schema: <id>/<name> }`), `recordings/` (real servers' traffic, optional) and
   * `targets.template.yaml` (what `sessionprobe init` writes).
   */
  home: string;
  services: readonly ServiceInfo[];
  /** The documented behaviours its suites cover, with stable ids and how sure each is. */
  behaviours: readonly Behaviour[];
  /** Where the project departs from the shared catalogue, with the recordings that forced it. */
  corrections?: readonly CatalogueCorrection[];
  /** Written once: the driver plans with them, the mock defaults to them. */
  documentedTimeouts: DocumentedTimeouts;
  /** How `sessionprobe timeouts` measures each service's sessions. */
  measurePlans: readonly MeasurePlan[];
  /** The ids a probe's answer is evidence of (a live session's answer, a refused one's): the baseline files changes under them. */
  probeIds: { alive: string; refused: string };
  /** How the vendor's timeouts read a staging setting in the timeout sweep. Unset: idle and lifetime as given. */
  sweepSetup?(setting: TimeoutSetting): SweepSetup;
  /** How recorded traffic is read and replayed (`sessionprobe fidelity`), loaded when asked. Unset: the vendor has no recordings. */
  evidence?(): Promise<EvidenceProfile>;
  /** How the harness speaks the vendor's wire (the loader, the targets file and the planner read its calls, actions and options). */
  driver(): Promise<VendorDriver>;
  /** The vendor modelled, with its legal variants (releases among them: every suite passes against each) and named defects (each must fail a scenario covering an id it breaks). */
  mock(): Promise<VendorMock>;
}
