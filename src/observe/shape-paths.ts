/** A body's structure (path → type) and the few stable values kept beside it. */
export interface BodyShape {
  shape: Record<string, string>;
  values: Record<string, string>;
}

/** Keys and attributes whose values are kept: a release's own name is no secret and is what an upgrade changes. */
export const VERSION_KEY = /version$/i;

/** Adds a type to a path; a path seen with two types (array items of mixed kinds) keeps both. */
export function addType(shape: Record<string, string>, path: string, type: string): void {
  const known = shape[path];
  if (known === undefined) {
    shape[path] = type;
    return;
  }
  const types = new Set([...known.split("|"), type]);
  shape[path] = [...types].sort().join("|");
}
