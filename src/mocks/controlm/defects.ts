import type { MockDefect } from "../core/types.ts";

/** Named violations of documented behaviour: each must fail a scenario covering what it breaks (the kill matrix). */
export const controlmDefects: readonly MockDefect[] = [
  { name: "login-username-missing", breaks: ["CTM-S-01"], description: "a successful login answers {token, version} without username" },
  { name: "wrong-password-accepted", breaks: ["CTM-S-02"], description: "login succeeds with any password for a known user" },
  {
    name: "bearer-not-accepted",
    breaks: ["CTM-S-03"],
    description: "a session token from login authorizes nothing (Authorization: Bearer is ignored)",
  },
  { name: "bearer-not-required", breaks: ["CTM-S-04"], description: "requests without a token are served as the default user" },
  { name: "token-never-expires", breaks: ["CTM-S-05"], description: "session tokens stay valid forever" },
  {
    name: "token-outlives-validity",
    breaks: ["CTM-S-05"],
    description: "session tokens live 1.5 times the declared validity (45 minutes instead of 30)",
  },
  { name: "logout-keeps-token", breaks: ["CTM-S-07"], description: "logout answers 200 but the token keeps working" },
  { name: "password-update-ignored", breaks: ["CTM-S-08"], description: "password update answers 200 but changes nothing" },
  {
    name: "password-update-skips-current-check",
    breaks: ["CTM-S-09"],
    description: "password update with a wrong current password changes the password and answers 200",
  },
  {
    name: "refused-password-update-applied",
    breaks: ["CTM-S-09"],
    description: "password update with a wrong current password answers 400 but changes the password all the same",
  },
  { name: "version-not-a-release", breaks: ["CTM-S-11"], description: 'the login response\'s version is "unknown", not a release' },
  {
    name: "token-list-without-auth",
    breaks: ["CTM-A-01"],
    description: "GET /authentication/tokens without any credential lists the default user's tokens",
  },
  { name: "create-omits-value", breaks: ["CTM-A-02"], description: "POST /authentication/token answers 200 without the tokenValue" },
  {
    name: "new-tokens-not-usable",
    breaks: ["CTM-A-03"],
    description: "API tokens created through the API are refused as x-api-key (only the seeded one works)",
  },
  { name: "duplicate-names-allowed", breaks: ["CTM-A-04"], description: "a second API token with an existing name is created" },
  { name: "roles-optional", breaks: ["CTM-A-05"], description: "a token with an empty or missing roles list is created" },
  { name: "roles-not-checked", breaks: ["CTM-A-06"], description: "an API token may carry roles its user does not hold" },
  {
    name: "expiration-date-not-validated",
    breaks: ["CTM-A-07"],
    description: "any expirationDate is accepted: past, malformed, a date-time",
  },
  {
    name: "undated-token-expires",
    breaks: ["CTM-A-08"],
    description: "a token created without expirationDate expires at the end of the next UTC day",
  },
  { name: "expired-token-accepted", breaks: ["CTM-A-09"], description: "API tokens keep working after their expiration date" },
  {
    name: "token-expires-day-before",
    breaks: ["CTM-A-09"],
    description: "an API token is refused from the start of the UTC day before its expiration date",
  },
  { name: "update-renames", breaks: ["CTM-A-10"], description: "PUT /authentication/token renames the token to the body's newTokenName" },
  { name: "deleted-token-accepted", breaks: ["CTM-A-11"], description: "a deleted API token keeps working as x-api-key" },
  { name: "list-shows-all-users", breaks: ["CTM-A-12"], description: "GET /authentication/tokens lists every user's tokens" },
  {
    name: "secret-update-sets-wrong-password",
    breaks: ["CTM-S-10"],
    description: "a password update given a Secret:<key> answers 200 but leaves the account with another password than the one asked for",
  },
  {
    name: "annotation-not-enforced",
    breaks: ["CTM-A-13"],
    description: "with annotation on, token create/update/delete without an annotation still succeed",
    // Only a server with annotation enabled can fail to enforce it.
    variant: "annotation-headers-annotation-subject",
  },
];
