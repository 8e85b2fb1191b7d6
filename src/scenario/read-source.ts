import { readFileSync, type Stats, statSync } from "node:fs";

/** Far above any real suite (the largest is ~22 KB): a bigger file is a mistake or an attack, and parsing it would take seconds. */
export const MAX_FILE_BYTES = 1024 * 1024;

export type SourceRead = { text: string } | { problem: string };

function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return "a directory";
  if (stat.isFIFO()) return "a named pipe";
  if (stat.isSocket()) return "a socket";
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return "a device";
  return "not a plain file";
}

/**
 * A scenario file's text. Only regular files are opened: reading a named pipe or a
 * device would block a validate run forever. CR-only line ends (old Mac editors) become
 * line feeds, one for one, so positions stay as the file has them; YAML itself counts
 * only LF and CRLF as line ends, and would read such a file as one long line.
 */
export function readScenarioSource(path: string): SourceRead {
  let stat: Stats;
  try {
    stat = statSync(path);
  } catch (error) {
    return { problem: `cannot read the file: ${(error as Error).message}` };
  }
  if (!stat.isFile()) return { problem: `not a regular file (${kindOf(stat)}): give a .yaml file` };
  if (stat.size > MAX_FILE_BYTES)
    return {
      problem: `the file has ${stat.size.toLocaleString("en")} bytes; a scenario file may have at most ${MAX_FILE_BYTES.toLocaleString("en")} (1 MiB): split it`,
    };
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    return { problem: `cannot read the file: ${(error as Error).message}` };
  }
  return { text: text.replace(/\r(?!\n)/g, "\n") };
}
