import { isMap, isPair, isScalar, isSeq, type LineCounter, type Document, type Node } from "yaml";

export interface Position {
  line: number;
  column: number;
}

export type PathSegment = string | number;

/** `/scenarios/0/steps/2` → ["scenarios", 0, "steps", 2] (JSON Pointer, as ajv reports). */
export function pointerToPath(pointer: string): PathSegment[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split("/")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function childNode(node: unknown, segment: PathSegment): { value?: unknown; key?: unknown } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
    return pair ? { value: pair.value, key: pair.key } : undefined;
  }
  if (isSeq(node) && typeof segment === "number") return { value: node.items[segment] };
  return undefined;
}

/**
 * The position of the deepest node on the path. With `key`, points at that key of the
 * map (for "unknown key" errors) rather than at the map itself.
 */
export function locate(doc: Document, lines: LineCounter, path: readonly PathSegment[], key?: string): Position {
  let node: unknown = doc.contents;
  for (const segment of path) {
    const child = childNode(node, segment);
    if (!child?.value) break;
    node = child.value;
  }
  if (key !== undefined) {
    const child = childNode(node, key);
    if (child?.key) node = child.key;
  }
  const offset = (node as Node | null)?.range?.[0] ?? 0;
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}
