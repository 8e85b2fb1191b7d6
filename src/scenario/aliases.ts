import { type Document, isCollection, visit } from "yaml";

export interface CircularAlias {
  name: string;
  offset: number;
}

/**
 * Aliases that point into the node they stand in (`with: &a { self: *a }`). YAML allows
 * them, but the value they build contains itself: every walk over it would recurse
 * forever, and no request body can be sent from it.
 */
export function circularAliases(doc: Document): CircularAlias[] {
  const found: CircularAlias[] = [];
  visit(doc, {
    Alias(_key, node, path) {
      const target = node.resolve(doc);
      if (target && isCollection(target) && path.includes(target)) found.push({ name: node.source, offset: node.range?.[0] ?? 0 });
    },
  });
  return found;
}
