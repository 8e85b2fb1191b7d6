import { copyFileSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { TestResult, TestResultContainer } from "allure-js-commons";
import { stringifyEnvInfo, type Writer } from "allure-js-commons/sdk/reporter";

type Globals = Parameters<Writer["writeGlobals"]>[1];
type EnvironmentInfo = Parameters<Writer["writeEnvironmentInfo"]>[0];
type Category = Parameters<Writer["writeCategoriesDefinitions"]>[0][number];

/**
 * Allure's results folder, written the way allure-js-commons' FileSystemWriter writes it
 * (a temporary file renamed into place, so a reader never sees half a file) but without its
 * `fsync` per file. Those fsyncs run on the Playwright runner's main thread, one per result
 * and per attachment (five files per scenario): the bench measured them at most of the
 * runner's busy time, during which it dispatches no test. Results are rebuilt by running
 * again; they need no protection against a power cut.
 */
export class AllureResultsWriter implements Writer {
  private made = false;
  private sequence = 0;

  constructor(
    private readonly resultsDir: string,
    /** Applied to each test result before it is written. */
    private readonly adjust: (result: TestResult) => TestResult = (result) => result,
  ) {}

  private path(name: string): string {
    if (!this.made) {
      mkdirSync(this.resultsDir, { recursive: true });
      this.made = true;
    }
    return join(this.resultsDir, name);
  }

  /** Writes a file aside, then renames it into place under `name`. */
  private publishWith(name: string, write: (temporary: string) => void): void {
    const target = this.path(name);
    const temporary = join(this.resultsDir, `.allure-write-${process.pid}-${++this.sequence}.tmp`);
    write(temporary);
    renameSync(temporary, target);
  }

  private publish(name: string, data: string | Buffer): void {
    this.publishWith(name, (temporary) => writeFileSync(temporary, data));
  }

  writeResult(result: TestResult): void {
    this.publish(`${result.uuid}-result.json`, JSON.stringify(this.adjust(result)));
  }

  writeGroup(result: TestResultContainer): void {
    this.publish(`${result.uuid}-container.json`, JSON.stringify(result));
  }

  writeAttachment(distFileName: string, content: Buffer): void {
    this.publish(distFileName, content);
  }

  writeAttachmentFromPath(distFileName: string, from: string): void {
    this.publishWith(distFileName, (temporary) => copyFileSync(from, temporary));
  }

  writeEnvironmentInfo(info: EnvironmentInfo): void {
    this.publish("environment.properties", stringifyEnvInfo(info));
  }

  writeCategoriesDefinitions(categories: Category[]): void {
    this.publish("categories.json", JSON.stringify(categories));
  }

  writeGlobals(distFileName: string, info: Globals): void {
    this.publish(distFileName, JSON.stringify(info));
  }
}
