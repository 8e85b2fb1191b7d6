import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { SessionprobeError } from "../errors/errors.ts";
import type { RecordedRequest } from "../vendor-api/evidence.ts";
import { findVendor, vendorIds } from "../vendors/registry.ts";

export type { RecordedRequest } from "../vendor-api/evidence.ts";

/**
 * Recorded traffic of real servers (src/vendors/<vendor>/recordings/*.json): data, not code.
 * Every secret is a placeholder (`{{token}}`, `{{password}}` …, see placeholders.ts); a
 * large body is kept as its element or key set.
 */

export interface RecordedResponse {
  status: number;
  /** The headers the recording kept, names lower-case: the notable ones, not every one. */
  headers?: Record<string, string>;
  /** Every Set-Cookie of the answer, values replaced; absent when the source does not show them. */
  setCookies?: string[];
  body?: unknown;
  text?: string;
  /** JSON: "pretty" when the server indents (clients parse the text), "compact" otherwise. */
  layout?: "pretty" | "compact";
  /** For a body too large to keep: the element local names in document order (XML) or the top-level keys (JSON). */
  elements?: string[];
  keys?: string[];
  /** XML kept as an element set: its root as {namespace}local, and whether the document starts with an XML declaration. */
  rootElement?: string;
  xmlDeclaration?: boolean;
  /** The recording went through a client that follows redirects: the status is the last hop's. */
  redirectsFollowed?: boolean;
}

export interface RecordedExchange {
  /** repo@commit:path#entry (or the note that quotes it). */
  source: string;
  /** The server release that answered. */
  release: string;
  covers?: string[];
  note?: string;
  /** Why a mock cannot replay this exchange (a route no mock models): kept as evidence for the suites only. */
  notModelled?: string;
  request: RecordedRequest;
  response: RecordedResponse;
  /** What the answer's credential is named where it is not the first of its kind (`token` → `token-2`): a second session. */
  binds?: Record<string, string>;
}

export interface CorpusFile {
  vendor: string;
  /** Relative to the working directory, for messages. */
  file: string;
  exchanges: RecordedExchange[];
}

/** A recording or HAR file that cannot be read as one: named with its file and entry. */
export class CorpusError extends SessionprobeError {
  constructor(message: string) {
    super("SP_CORPUS", message);
  }
}

/** A vendor's recordings: its folder's recordings/ (src/vendors/<vendor>/recordings/). */
function recordingsDir(vendor: string): string | undefined {
  const home = findVendor(vendor)?.home;
  return home === undefined ? undefined : join(home, "recordings");
}

function checkExchange(where: string, value: unknown): RecordedExchange {
  const e = value as Partial<RecordedExchange> | null;
  const problems: string[] = [];
  if (!e || typeof e !== "object") throw new CorpusError(`${where}: expected an exchange object`);
  if (typeof e.source !== "string" || !e.source) problems.push("source (repo@commit:path#entry) is missing");
  if (typeof e.release !== "string" || !e.release) problems.push("release is missing");
  if (typeof e.request?.method !== "string" || typeof e.request?.path !== "string")
    problems.push("request.method and request.path are required");
  if (typeof e.response?.status !== "number") problems.push("response.status must be a number");
  if (problems.length) throw new CorpusError(`${where}: ${problems.join("; ")}`);
  return e as RecordedExchange;
}

/** One corpus file, checked: an error names the file and the exchange index. */
export function readCorpusFile(path: string, vendor?: string): CorpusFile {
  const file = relative(process.cwd(), path) || path;
  let data: { vendor?: unknown; exchanges?: unknown };
  try {
    data = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new CorpusError(`${file}: not JSON (${(error as Error).message})`);
  }
  if (typeof data.vendor !== "string") throw new CorpusError(`${file}: "vendor" is missing`);
  if (vendor && data.vendor !== vendor) throw new CorpusError(`${file}: vendor ${data.vendor} in the folder of ${vendor}`);
  if (!Array.isArray(data.exchanges)) throw new CorpusError(`${file}: "exchanges" must be a list`);
  return { vendor: data.vendor, file, exchanges: data.exchanges.map((e, i) => checkExchange(`${file} exchanges[${i}]`, e)) };
}

/** Every corpus file of a vendor (or of all vendors), in name order. */
export function loadCorpus(vendor?: string): CorpusFile[] {
  const vendors = vendor ? [vendor] : vendorIds.toSorted();
  return vendors.flatMap((v) => {
    const dir = recordingsDir(v);
    let names: string[];
    try {
      if (dir === undefined) return [];
      names = readdirSync(dir).filter((n) => n.endsWith(".json"));
    } catch {
      return [];
    }
    return names.sort().map((n) => readCorpusFile(join(dir, n), v));
  });
}

/** "frodo-lib" from "rockcarver/frodo-lib@…": the source a count is grouped by. */
export function sourceName(source: string): string {
  const repo = /^([\w.-]+)\/([\w.-]+)@/.exec(source);
  if (repo?.[2]) return repo[2];
  return source.split(/[ (§]/)[0] ?? source;
}
