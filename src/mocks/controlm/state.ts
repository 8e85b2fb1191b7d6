import { randomBytes } from "node:crypto";
import { SessionTable } from "../core/session-table.ts";
import type { MockContext, MockUser } from "../core/types.ts";

export interface ControlmUser extends MockUser {
  roles: string;
}

/** The default user's API token (x-api-key): a public mock credential, printed in the CLI banner. */
export const SEEDED_API_TOKEN = { name: "emuser-seeded-token", value: "ctm-seeded-api-token-emuser-public-0001", user: "emuser", roles: ["Admin", "User"] } as const;

/** Seeded users; passwords are public (README). `roles` is comma-separated. */
export const seededUsers: Record<string, ControlmUser> = {
  default: { username: "emuser", password: "empass-1234", roles: "Admin,User", apiKey: SEEDED_API_TOKEN.value, passwordSecret: "emuser-password" },
  other: { username: "opsuser", password: "opspass-5678", roles: "User,Viewer" },
};

/** Predefined secrets (`Secret:<key>` values, CTM-S-10): key → value. */
export const seededSecrets: Record<string, string> = {
  "emuser-password": "empass-1234",
  "emuser-next-password": "empass-next-9876",
};

/** Control-M session tokens are upper-case hex (128 characters on 9.19+). */
export function newSessionToken(): string {
  return randomBytes(64).toString("hex").toUpperCase();
}

export class ControlmState {
  readonly passwords = new Map<string, string>();
  readonly sessions: SessionTable<Record<string, never>>;

  constructor(readonly context: MockContext) {
    this.sessions = new SessionTable(
      context.clock,
      () =>
        context.defect("token-never-expires")
          ? { eviction: "least-recently-used" }
          : { idleMs: context.config.idleMs, lifetimeMs: context.config.lifetimeMs, eviction: "least-recently-used" },
      newSessionToken,
    );
    this.reset();
  }

  reset(): void {
    this.sessions.reset();
    this.passwords.clear();
    for (const user of Object.values(seededUsers)) this.passwords.set(user.username, user.password);
  }

  user(username: string): ControlmUser | undefined {
    return Object.values(seededUsers).find((u) => u.username === username);
  }

  /** `Secret:<key>` resolves through the secrets store; plain text stays as it is. */
  resolveSecret(value: string): { value: string } | { unknownSecret: string } {
    const match = value.match(/^Secret:(.+)$/);
    if (!match) return { value };
    const key = match[1] as string;
    const secret = seededSecrets[key];
    return secret === undefined ? { unknownSecret: key } : { value: secret };
  }
}
