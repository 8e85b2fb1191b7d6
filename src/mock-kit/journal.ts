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

/** How many distinct paths and methods are kept as one shared copy each. */
const MAX_INTERNED = 2_048;
const MAX_UNMODELLED = 100;

/**
 * A ring buffer: a flood of requests costs the same per request once it is full. The ring
 * is columns (times and statuses in typed arrays, methods and paths as shared copies), so
 * recording a request allocates nothing that outlives it: 5,000 objects kept for a while
 * and then dropped were promoted and collected again and again under load. Time stamps
 * are formatted when the journal is read, which a run does a few times.
 */
export class Journal {
  private readonly atMs = new Float64Array(MAX_ENTRIES);
  private readonly status = new Uint16Array(MAX_ENTRIES);
  private readonly unmodelledAt = new Uint8Array(MAX_ENTRIES);
  private readonly method: string[] = [];
  private readonly path: string[] = [];
  private size = 0;
  private next = 0;
  private readonly missed: JournalEntry[] = [];
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
    const at = this.next;
    this.atMs[at] = atMs;
    this.status[at] = status;
    this.unmodelledAt[at] = unmodelled ? 1 : 0;
    this.method[at] = method.length > MAX_JOURNAL_METHOD ? clip(method, MAX_JOURNAL_METHOD) : this.own(method);
    this.path[at] = path.length > MAX_JOURNAL_PATH ? clip(path, MAX_JOURNAL_PATH) : this.own(path);
    if (unmodelled && this.missed.length < MAX_UNMODELLED) this.missed.push(this.entry(at));
    if (this.size < MAX_ENTRIES) this.size++;
    this.next = (at + 1) % MAX_ENTRIES;
  }

  private entry(at: number): JournalEntry {
    const entry: JournalEntry = {
      at: stamp(this.atMs[at] as number),
      method: this.method[at] as string,
      path: this.path[at] as string,
      status: this.status[at] as number,
    };
    if (this.unmodelledAt[at]) entry.unmodelled = true;
    return entry;
  }

  /** Requests no modelled route answered, oldest first (kept apart, so a flood cannot push them out). */
  unmodelled(): JournalEntry[] {
    return [...this.missed];
  }

  /** Oldest first. */
  entries(): JournalEntry[] {
    const first = this.size < MAX_ENTRIES ? 0 : this.next;
    return Array.from({ length: this.size }, (_, i) => this.entry((first + i) % MAX_ENTRIES));
  }

  clear(): void {
    this.size = 0;
    this.next = 0;
    this.method.length = 0;
    this.path.length = 0;
    this.missed.length = 0;
    this.interned.clear();
  }
}
