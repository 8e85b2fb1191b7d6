import { closeSync, mkdirSync, openSync } from "node:fs";
import { join } from "node:path";

/**
 * A count shared by every worker of a run: each `take()` claims one of `size`
 * numbered slot files (created exclusively), so the budget holds across processes.
 */
export class SharedBudget {
  constructor(
    private readonly dir: string,
    private readonly size: number,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  /** The slot number taken (1-based), or undefined when the budget is spent. */
  take(): number | undefined {
    for (let slot = 1; slot <= this.size; slot++) {
      try {
        closeSync(openSync(join(this.dir, `slot-${slot}`), "wx"));
        return slot;
      } catch {
        // taken by another scenario: try the next one
      }
    }
    return undefined;
  }
}
