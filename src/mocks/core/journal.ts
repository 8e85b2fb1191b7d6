/** Every request a mock answered: method, path, status and the mock's time. Never bodies or headers. */
export interface JournalEntry {
  at: string;
  method: string;
  path: string;
  status: number;
}

const MAX_ENTRIES = 5_000;

/** A ring buffer: a flood of requests costs the same per request once it is full. */
export class Journal {
  private readonly ring: JournalEntry[] = [];
  private next = 0;

  record(entry: JournalEntry): void {
    if (this.ring.length < MAX_ENTRIES) this.ring.push(entry);
    else this.ring[this.next] = entry;
    this.next = (this.next + 1) % MAX_ENTRIES;
  }

  /** Oldest first. */
  entries(): readonly JournalEntry[] {
    return this.ring.length < MAX_ENTRIES ? this.ring : [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)];
  }

  clear(): void {
    this.ring.length = 0;
    this.next = 0;
  }
}
