/**
 * The names of the scenario language that code needs at run time, without the schema
 * itself: the step verbs and the key patterns. src/scenario/schema.ts builds the schema
 * from them (it is the one source of truth for the schema and its types); importing
 * this file instead keeps TypeBox out of a process that only loads and runs scenarios.
 */

export const STEP_VERBS = ["login", "use", "expire", "logout", "action", "request"] as const;
export type StepVerb = (typeof STEP_VERBS)[number];

/**
 * Names used as map keys, with what a message says when a key breaks the pattern. The
 * records refuse other keys (additionalProperties: false beside patternProperties),
 * so a misspelt name is reported and its value checked, never silently ignored.
 */
export const KEY_PATTERNS: Record<string, string> = {
  // __proto__ would set the captures' prototype at run time, not capture anything.
  "^(?!__proto__$)[A-Za-z_][A-Za-z0-9_]*$": "a capture name: letters, digits and _, not starting with a digit (and not __proto__)",
  "^[A-Za-z0-9][A-Za-z0-9 ._-]*$": "an observation label: a letter or digit, then letters, digits, spaces, ., _ or -",
};
