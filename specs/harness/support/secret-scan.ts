import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

export interface SecretHit {
  where: string;
  what: string;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/**
 * Searches every file under a directory, and the terminal output, for literal
 * secrets and for secret-shaped strings (a token pattern). Returns every hit.
 */
export function scanForSecrets(options: { dir: string; terminal: string; literals: readonly string[]; patterns: readonly RegExp[] }): { hits: SecretHit[]; filesScanned: number } {
  const sources = files(options.dir).map((path) => ({ where: path, text: readFileSync(path, "latin1") }));
  sources.push({ where: "terminal output", text: options.terminal });
  const hits: SecretHit[] = [];
  for (const { where, text } of sources) {
    for (const literal of options.literals) if (text.includes(literal)) hits.push({ where, what: `literal secret #${options.literals.indexOf(literal) + 1}` });
    for (const pattern of options.patterns) {
      const match = text.match(pattern);
      if (match) hits.push({ where, what: `${pattern} matched ${match[0].length} characters` });
    }
  }
  return { hits, filesScanned: sources.length - 1 };
}
