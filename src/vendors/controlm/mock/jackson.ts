import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/**
 * Control-M's Automation API is a Jackson server with indented output: objects one field a
 * line, two spaces a level, `"name" : value`; arrays on one line, `[ a, b ]`; an empty one
 * `[ ]` or `{ }`. BMC's own sample scripts read the token out of the raw text with
 * `token" : "` (issue 25; evidence/recordings/controlm/), so the layout is part of what a
 * client relies on, not only the parsed value.
 */
// Stryker disable all: the layout is pinned by this folder's unit tests (jackson.test.ts, BMC's token extraction); the
// suites assert parsed values only, since no capture of a real server's raw bytes exists (the one recording passed through
// the ctm CLI, which re-indents): a suite that asserted the spacing would be stronger than its evidence.
export function jacksonText(value: unknown, level = 0): string {
  if (Array.isArray(value)) {
    // Jackson's array indenter is inline: an array adds no level to what it holds.
    return value.length === 0 ? "[ ]" : `[ ${value.map((item) => jacksonText(item ?? null, level)).join(", ")} ]`;
  }
  if (value !== null && typeof value === "object") {
    const fields = Object.entries(value).filter(([, v]) => v !== undefined);
    if (fields.length === 0) return "{ }";
    const inner = "  ".repeat(level + 1);
    const lines = fields.map(([name, v]) => `${inner}${JSON.stringify(name)} : ${jacksonText(v, level + 1)}`);
    return `{\n${lines.join(",\n")}\n${"  ".repeat(level)}}`;
  }
  return JSON.stringify(value ?? null);
}

// Stryker restore all
/** A JSON answer as Control-M lays it out, with the Content-Type Hono's c.json would set. */
export function jacksonJson(c: Context, body: unknown, status: ContentfulStatusCode = 200): Response {
  return c.body(jacksonText(body), status, { "content-type": "application/json" });
}
