import type { PathSegment } from "./positions.ts";

/** A string of a scenario value and where it stands: a value at `path`, or (with `key`) a key of the map at `path`. */
export interface LocatedString {
  path: PathSegment[];
  key?: string;
  text: string;
}

/** Every string in a value, keys included, each with its path. Never loops on a value that contains itself. */
export function stringsIn(value: unknown, path: PathSegment[] = [], seen = new WeakSet<object>()): LocatedString[] {
  if (typeof value === "string") return [{ path, text: value }];
  if (!value || typeof value !== "object" || seen.has(value)) return [];
  seen.add(value);
  if (Array.isArray(value)) return value.flatMap((item, i) => stringsIn(item, [...path, i], seen));
  return Object.entries(value).flatMap(([k, v]) => [{ path, key: k, text: k }, ...stringsIn(v, [...path, k], seen)]);
}
