import { learnFromValueInto } from "../../redact/sensitive.ts";

const MAX_VALUES = 20_000;

/**
 * Every credential a mock handed out (Set-Cookie values, tokens and session ids in
 * bodies), so a rehearsal can search reports for the exact values instead of
 * guessing their shape. Served by the control plane; the mock's users are public
 * test accounts, and the control plane listens where the mock does.
 */
export class IssuedSecrets {
  private readonly values = new Set<string>();

  add(value: string): void {
    if (value.length < 8 || this.values.size >= MAX_VALUES) return;
    this.values.add(value);
  }

  recordResponse(setCookies: readonly string[], contentType: string, body: string): void {
    for (const header of setCookies) {
      const pair = header.split(";")[0] ?? "";
      this.add(pair.slice(pair.indexOf("=") + 1).trim());
    }
    if (/json/i.test(contentType)) {
      try {
        learnFromValueInto(JSON.parse(body) as unknown, (value) => this.add(value));
      } catch {
        // not JSON after all: nothing to learn
      }
    } else if (/xml/i.test(contentType)) {
      for (const [, name, value] of body.matchAll(/<([\w:-]*(?:Session|Token|Password)[\w-]*)[^>]*>([^<]+)</g)) if (name) this.add((value ?? "").trim());
    } else if (/text\/plain/i.test(contentType) && /^[\w.*=-]{16,}$/.test(body.trim())) {
      this.add(body.trim());
    }
  }

  list(): string[] {
    return [...this.values];
  }

  clear(): void {
    this.values.clear();
  }
}
