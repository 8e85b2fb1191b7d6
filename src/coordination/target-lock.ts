import { mkdirSync, openSync, closeSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sleep } from "../time/clock.ts";

const POLL_MS = 100;
const EXCLUSIVE = "exclusive";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function holderAlive(path: string): boolean {
  try {
    return alive(Number(readFileSync(path, "utf8")));
  } catch {
    return false;
  }
}

/**
 * A readers-writer lock across worker processes, in files. Scenarios that would
 * evict or invalidate other sessions of the same account (a session flood, a
 * password change) take it exclusively: they run alone for their target, while all
 * other scenarios share it. A waiting exclusive holder blocks newcomers, so it is
 * not starved. Files of dead processes are ignored and removed.
 */
export class TargetLock {
  private static counter = 0;

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  async shared(): Promise<() => void> {
    const mine = join(this.dir, `shared-${process.pid}-${++TargetLock.counter}`);
    for (;;) {
      if (!this.exclusiveHeld()) {
        writeFileSync(mine, String(process.pid));
        if (!this.exclusiveHeld()) return () => unlinkQuietly(mine);
        unlinkQuietly(mine);
      }
      await sleep(POLL_MS);
    }
  }

  async exclusive(): Promise<() => void> {
    const path = join(this.dir, EXCLUSIVE);
    for (;;) {
      try {
        const fd = openSync(path, "wx");
        writeFileSync(fd, String(process.pid));
        closeSync(fd);
        break;
      } catch {
        if (!holderAlive(path)) unlinkQuietly(path);
        await sleep(POLL_MS);
      }
    }
    while (this.liveShared().length) await sleep(POLL_MS);
    return () => unlinkQuietly(path);
  }

  private exclusiveHeld(): boolean {
    const path = join(this.dir, EXCLUSIVE);
    try {
      readFileSync(path);
    } catch {
      return false;
    }
    if (holderAlive(path)) return true;
    unlinkQuietly(path);
    return false;
  }

  private liveShared(): string[] {
    return readdirSync(this.dir).filter((name) => {
      if (!name.startsWith("shared-")) return false;
      if (alive(Number(name.split("-")[1]))) return true;
      unlinkQuietly(join(this.dir, name));
      return false;
    });
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
