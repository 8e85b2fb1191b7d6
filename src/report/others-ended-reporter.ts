import type { FullConfig, Reporter, Suite, TestCase, TestResult } from "@playwright/test/reporter";
import { isLastAttempt, markOthersEnded, OthersEnded } from "../coordination/others-ended.ts";
import { isGuardedProject } from "../coordination/shard-plan.ts";

/**
 * The runner's side of the guard's order (src/coordination/others-ended.ts): from the run's tests at its
 * start and each test's end, it tells each target's guarded scenarios when every other scenario of the
 * target has ended. A target's projects name it in `use.targetName`; the mocks' project names none.
 */
export default class OthersEndedReporter implements Reporter {
  private others: OthersEnded | undefined;

  printsToStdio(): boolean {
    return false;
  }

  onBegin(_config: FullConfig, suite: Suite): void {
    this.others = new OthersEnded(
      suite.allTests().map((test) => {
        const project = test.parent.project();
        const target = (project?.use as { targetName?: string } | undefined)?.targetName;
        return { id: test.id, ...(target === undefined ? {} : { target }), guarded: isGuardedProject(project?.name ?? "") };
      }),
    );
    for (const target of this.others.initially()) markOthersEnded(target);
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    for (const target of this.others?.ended(test.id, isLastAttempt(test, result)) ?? []) markOthersEnded(target);
  }
}
