import { randomBytes } from "node:crypto";
import { SessionTable } from "../../../mock-kit/session-table.ts";
import type { MockContext, MockUser } from "../../../vendor-api/mock.ts";
import { type ControlmOptions, readControlmOptions } from "./options.ts";
import { type ControlmTexts, controlmTexts } from "./texts.ts";

export interface ControlmUser extends MockUser {
  roles: string;
}

/** The default user's API token (x-api-key): a public mock credential, printed in the CLI banner. */
export const SEEDED_API_TOKEN = {
  name: "emuser-seeded-token",
  value: "ctm-seeded-api-token-emuser-public-0001",
  user: "emuser",
  roles: ["Admin", "User"],
} as const;

/** Seeded users; passwords are public (README). `roles` is comma-separated. */
export const seededUsers: Record<string, ControlmUser> = {
  default: { username: "emuser", password: "empass-1234", roles: "Admin,User", apiKey: SEEDED_API_TOKEN.value },
  other: { username: "opsuser", password: "opspass-5678", roles: "User,Viewer" },
};

/** Control-M session tokens are upper-case hex: 128 characters on 9.19+, 104 in the 9.18/9.20 doc example. */
export function newSessionToken(hexLength: number): string {
  // Stryker disable next-line ArithmeticOperator: the length differs by release (104 or 128 hex characters seen, the sessionTokenHex option), so no suite asserts it.
  return randomBytes(hexLength / 2)
    .toString("hex")
    .toUpperCase();
}

/** A session token lives this much longer than declared under `token-outlives-validity` (CTM-S-05). */
const OUTLIVED = 1.5;
/** Logged-out tokens remembered for `logout-keeps-api-key-carrier`: the mock's bound, so a login/logout loop cannot grow memory. */
const MAX_LOGGED_OUT = 10_000;

export class ControlmState {
  readonly passwords = new Map<string, string>();
  readonly sessions: SessionTable<Record<string, never>>;
  readonly settings: ControlmOptions;
  readonly texts: ControlmTexts;
  /** Session tokens ended by a logout → their user, kept so `logout-keeps-api-key-carrier` can be switched on at any time. */
  private readonly loggedOut = new Map<string, string>();

  // Stryker disable next-line BlockStatement: without its state the mock cannot start a run (a harness failure, no server answer).
  constructor(readonly context: MockContext) {
    this.settings = readControlmOptions(context.config);
    this.texts = controlmTexts(this.settings.messageTexts);
    this.sessions = new SessionTable(
      context.clock,
      () => {
        const { idleMs, lifetimeMs } = context.config;
        // Stryker disable all: only the token-never-expires and token-outlives-validity defects reach these.
        if (context.defect("token-never-expires")) return { eviction: "least-recently-used" };
        const stretch = (ms: number | undefined) => (ms === undefined ? undefined : ms * OUTLIVED);
        if (context.defect("token-outlives-validity"))
          return { idleMs: stretch(idleMs), lifetimeMs: stretch(lifetimeMs), eviction: "least-recently-used" };
        // Stryker restore all
        // Stryker disable next-line StringLiteral: Control-M documents no session cap, so only the mock's own 10,000-session bound ever evicts, and any policy but "oldest" picks the least recently used.
        return { idleMs, lifetimeMs, eviction: "least-recently-used" };
      },
      () => newSessionToken(Number(this.settings.sessionTokenHex)),
    );
    this.reset();
  }

  reset(): void {
    this.sessions.reset();
    this.loggedOut.clear();
    this.passwords.clear();
    for (const user of Object.values(seededUsers)) this.passwords.set(user.username, user.password);
  }

  /** Ends a session by logout, remembering whose token it was. */
  logOut(token: string, user: string): void {
    this.sessions.close(token);
    // Stryker disable all: bookkeeping only the logout-keeps-api-key-carrier defect reads, and the mock's bound on it.
    this.loggedOut.set(token, user);
    if (this.loggedOut.size > MAX_LOGGED_OUT) {
      const oldest = this.loggedOut.keys().next().value;
      if (oldest !== undefined) this.loggedOut.delete(oldest);
    }
  }

  /** Whose token this was, if a logout ended it. */
  loggedOutUser(token: string): string | undefined {
    return this.loggedOut.get(token);
  }
  // Stryker restore all

  // Stryker disable all: only the defects that reach past the session they were asked about use it.
  /** The live sessions `select` picks: the defects that reach past the session they were asked about use it. */
  liveSessions(select: (session: { id: string; user: string }) => boolean) {
    return this.sessions.live().filter(select);
  }
  // Stryker restore all

  user(username: string): ControlmUser | undefined {
    return Object.values(seededUsers).find((u) => u.username === username);
  }

  /**
   * Predefined secrets (`Secret:<key>`, CTM-S-10): the key named by `passwordSecretKey`
   * holds the default user's seeded password. With `secretsInRestBody=literal` the REST
   * body takes `Secret:…` as plain text, as a server may (the wire notes leave it open).
   * Undefined for a `Secret:<key>` no store holds.
   */
  resolveSecret(value: string): string | undefined {
    // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: resolving Secret:<key> or taking it as text are the two legal readings (CTM-S-10 OPEN: variants secret-resolved-in-rest-body and secret-literal-in-rest-body).
    if (this.settings.secretsInRestBody === "literal") return value;
    // Stryker disable next-line Regex: a key of one character only, or the prefix found mid-text, makes a value text or a secret where no client sends such a value; text and secret are both legal readings (CTM-S-10 OPEN).
    const key = value.match(/^Secret:(.+)$/)?.[1];
    // Stryker disable next-line ConditionalExpression: forced true, Secret:<key> is taken as text, the other legal reading (variant secret-literal-in-rest-body).
    if (key === undefined) return value;
    // Stryker disable next-line ArrayDeclaration,OptionalChaining,StringLiteral,LogicalOperator: a store that holds no key refuses every Secret: value (400), as a server whose REST body does not take them may; the seeded default user always exists and has a password.
    const secrets = new Map([[this.settings.passwordSecretKey, seededUsers.default?.password ?? ""]]);
    return secrets.get(key);
  }
}
