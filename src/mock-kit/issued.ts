const MAX_VALUES = 20_000;

/**
 * Every credential a mock minted (session ids, token values, XSRF tokens, cookie
 * values), recorded at the point of creation through `MockContext.issued`, so a
 * rehearsal searches reports for the exact values. Independent of the redactor: it
 * never reads responses with the key-name rules the transport uses, so a value the
 * redactor fails to learn is still searched for. The mock's users are public test
 * accounts, and the control plane listens where the mock does.
 */
export class IssuedSecrets {
  private readonly values = new Set<string>();

  add(value: string): void {
    if (value.length < 8 || this.values.size >= MAX_VALUES) return;
    this.values.add(value);
  }

  list(): string[] {
    return [...this.values];
  }

  clear(): void {
    this.values.clear();
  }
}
