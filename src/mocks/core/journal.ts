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

/** A flat copy of a string: a slice keeps its whole parent alive (a path, the request's URL; a clipped path, the long one). */
const copied = (text: string): string => JSON.parse(JSON.stringify(text)) as string;

function clip(text: string, max: number): string {
  return copied(`${text.slice(0, max)}…(+${text.length - max})`);
}

/** The journal's time stamp: a clock moved by code past Date's range must not turn every answer into a 500 (toISOString throws). */
function stamp(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? `invalid clock (${ms} ms)` : date.toISOString();
}

/** What the ring keeps of a request: the time as a number, formatted only when the journal is read. */
interface Recorded {
  atMs: number;
  method: string;
  path: string;
  status: number;
  unmodelled: boolean;
}

/** How many distinct paths and methods are kept as one shared copy each. */
const MAX_INTERNED = 2_048;

const shown = (r: Recorded): JournalEntry => {
  const entry: JournalEntry = { at: stamp(r.atMs), method: r.method, path: r.path, status: r.status };
  if (r.unmodelled) entry.unmodelled = true;
  return entry;
};

/**
 * A ring buffer: a flood of requests costs the same per request once it is full. A
 * request costs one small object; time stamps are formatted when the journal is read,
 * which a run does a few times, not on each of thousands of requests a second.
 */
export class Journal {
  private readonly ring: Recorded[] = [];
  private next = 0;
  private readonly missed: Recorded[] = [];
  private readonly interned = new Map<string, string>();

  /**
   * A copy the journal may keep. A path is a slice of the request's URL, and V8 keeps the
   * whole URL alive behind a slice: 5,000 requests with a 16 KB query string kept 80 MB
   * behind a journal of short paths. Each distinct text is copied once and shared.
   */
  private own(text: string): string {
    const known = this.interned.get(text);
    if (known !== undefined) return known;
    const copy = copied(text);
    if (this.interned.size < MAX_INTERNED) this.interned.set(copy, copy);
    return copy;
  }

  record(atMs: number, method: string, path: string, status: number, unmodelled = false): void {
    const entry: Recorded = {
      atMs,
      method: method.length > MAX_JOURNAL_METHOD ? clip(method, MAX_JOURNAL_METHOD) : this.own(method),
      path: path.length > MAX_JOURNAL_PATH ? clip(path, MAX_JOURNAL_PATH) : this.own(path),
      status,
      unmodelled,
    };
    if (unmodelled && this.missed.length < 100) this.missed.push(entry);
    if (this.ring.length < MAX_ENTRIES) this.ring.push(entry);
    else this.ring[this.next] = entry;
    this.next = (this.next + 1) % MAX_ENTRIES;
  }

  /** Requests no modelled route answered, oldest first (kept apart, so a flood cannot push them out). */
  unmodelled(): JournalEntry[] {
    return this.missed.map(shown);
  }

  /** Oldest first. */
  entries(): JournalEntry[] {
    const ordered = this.ring.length < MAX_ENTRIES ? this.ring : [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)];
    return ordered.map(shown);
  }

  clear(): void {
    this.ring.length = 0;
    this.next = 0;
    this.missed.length = 0;
    this.interned.clear();
  }
}
