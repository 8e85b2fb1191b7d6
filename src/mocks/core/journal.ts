/** Every request a mock answered: method, path, status and the mock's time. Never bodies or headers. */
export interface JournalEntry {
  at: string;
  method: string;
  path: string;
  status: number;
}

const MAX_ENTRIES = 5_000;

export class Journal {
  private readonly list: JournalEntry[] = [];

  record(entry: JournalEntry): void {
    this.list.push(entry);
    if (this.list.length > MAX_ENTRIES) this.list.splice(0, this.list.length - MAX_ENTRIES);
  }

  entries(): readonly JournalEntry[] {
    return this.list;
  }

  clear(): void {
    this.list.length = 0;
  }
}
