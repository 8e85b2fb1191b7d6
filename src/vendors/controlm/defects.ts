import type { MockDefect } from "../../vendor-api/mock.ts";

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
  {
    name: "unknown-api-key-accepted",
    breaks: ["CTM-S-04", "CTM-A-01"],
    description: "any x-api-key value is accepted as the default user: only the header's presence is checked",
  },
  { name: "token-never-expires", breaks: ["CTM-S-05"], description: "session tokens stay valid forever" },
  {
    name: "token-outlives-validity",
    breaks: ["CTM-S-05"],
    description: "session tokens live 1.5 times the declared validity (45 minutes instead of 30)",
  },
  {
    name: "login-ends-earlier-sessions",
    breaks: ["CTM-S-01"],
    description: "one session per user: a login ends the user's earlier sessions, whose tokens are refused long before their 30 minutes",
  },
  {
    name: "validity-clock-per-user",
    breaks: ["CTM-S-05"],
    description: "the 30 minutes are kept per user: a new login restarts them for the user's earlier tokens too, which outlive their own",
  },
  { name: "logout-keeps-token", breaks: ["CTM-S-07"], description: "logout answers 200 but the token keeps working" },
  {
    name: "logout-keeps-api-key-carrier",
    breaks: ["CTM-S-07"],
    description:
      "after POST /session/logout the token is refused as Authorization: Bearer but still accepted as x-api-key (a token cache logout does not clear)",
  },
  {
    name: "logout-ends-all-user-sessions",
    breaks: ["CTM-S-07"],
    description: "logout ends every session of the token's user, not only the session the token names",
  },
  { name: "password-update-ignored", breaks: ["CTM-S-08"], description: "password update answers 200 but changes nothing" },
  {
    name: "password-update-ends-every-session",
    breaks: ["CTM-S-08"],
    description: "a user's password update ends every other session on the server, other users' included (a session-cache flush)",
  },
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
  {
    name: "duplicate-create-overwrites",
    breaks: ["CTM-A-04"],
    description:
      "a create with a name in use is refused 400 but written over the token holding the name first: a new value (the old one stops working), the new roles and date",
  },
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
  {
    name: "update-merges-roles",
    breaks: ["CTM-A-10"],
    description: "PUT /authentication/token adds the new roles to the old ones instead of replacing them, so roles can never be narrowed",
  },
  {
    name: "update-applies-to-all-user-tokens",
    breaks: ["CTM-A-10"],
    description: "PUT /authentication/token writes the roles and date into every token of the user, not only the one named",
  },
  { name: "deleted-token-accepted", breaks: ["CTM-A-11"], description: "a deleted API token keeps working as x-api-key" },
  {
    name: "deleted-token-still-listed",
    breaks: ["CTM-A-11"],
    description:
      "a deleted API token is gone from GET and refused, but GET /authentication/tokens still lists it (a list cache delete forgets)",
  },
  {
    name: "delete-removes-name-prefix",
    breaks: ["CTM-A-11"],
    description:
      "DELETE /authentication/token/{name} also deletes the user's tokens whose names start with that name (a LIKE 'name%' match)",
  },
  {
    name: "delete-ignores-owner",
    breaks: ["CTM-A-11"],
    description: "DELETE /authentication/token/{name} deletes a token of that name whoever owns it: another user's delete removes yours",
  },
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
