/** Every request a mock answered: method, path, status and the mock's time. Never bodies or headers. */
export interface JournalEntry {
  at: string;
  method: string;
  path: string;
  status: number;
  /** No modelled route answered it: a mistyped driver URL or a gap in the mock. */
  unmodelled?: true;
}

/** Entries kept: the newest, in a ring. */
export const MAX_JOURNAL_ENTRIES = 5_000;
const MAX_ENTRIES = MAX_JOURNAL_ENTRIES;
/** Longest path and method kept: 6,000 requests with 16 KB URLs once made a journal read cost half a gigabyte. */
export const MAX_JOURNAL_PATH = 512;
const MAX_JOURNAL_METHOD = 16;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…(+${text.length - max})` : text;
}

/** A ring buffer: a flood of requests costs the same per request once it is full. */
export class Journal {
  private readonly ring: JournalEntry[] = [];
  private next = 0;
  private readonly missed: JournalEntry[] = [];

  record(full: JournalEntry): void {
    const entry = { ...full, method: clip(full.method, MAX_JOURNAL_METHOD), path: clip(full.path, MAX_JOURNAL_PATH) };
    if (entry.unmodelled && this.missed.length < 100) this.missed.push(entry);
    if (this.ring.length < MAX_ENTRIES) this.ring.push(entry);
    else this.ring[this.next] = entry;
    this.next = (this.next + 1) % MAX_ENTRIES;
  }

  /** Requests no modelled route answered, oldest first (kept apart, so a flood cannot push them out). */
  unmodelled(): readonly JournalEntry[] {
    return this.missed;
  }

  /** Oldest first. */
  entries(): readonly JournalEntry[] {
    return this.ring.length < MAX_ENTRIES ? this.ring : [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)];
  }

  clear(): void {
    this.ring.length = 0;
    this.next = 0;
    this.missed.length = 0;
  }
}
