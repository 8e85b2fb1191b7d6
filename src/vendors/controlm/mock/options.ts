import type { MockConfig } from "../../../vendor-api/mock.ts";

/**
 * The controlm mock's `--set` vocabulary. Most options pick one legal answer to a point
 * `wire-notes-controlm-hmc.md` §1 leaves UNVERIFIED or OPEN, so a variant can stand for
 * each answer (variants.ts); `annotation*` and `passwordSecretKey` are deployment
 * settings, declared under the same names in a targets file (the driver's
 * deploymentOptions). Enumerated values are checked at start: a typo fails rather than
 * silently picking the default.
 */
const CHOICES = {
  annotation: ["off", "on"],
  secretsInRestBody: ["resolved", "literal"],
  tokenValueOnRead: ["masked", "omitted", "value"],
  responseDates: ["as-given", "date-only", "date-time"],
  tokenList: ["wrapped", "bare"],
  tokenType: ["User", "user", "USER"],
  logoutMessage: ["echo-token", "plain"],
  messageTexts: ["default", "alternate"],
  wrongContentTypeStatus: ["400", "415"],
  sessionTokenHex: ["128", "104"],
  logoutQueryToken: ["refused", "accepted"],
  sessionTokenAsApiKey: ["refused", "accepted"],
  apiTokenAsBearer: ["refused", "accepted"],
  tokenNameScope: ["server", "user"],
} as const satisfies Record<string, readonly string[]>;

type Choice = keyof typeof CHOICES;
type Free = "version" | "annotationSubjectHeader" | "annotationDescriptionHeader" | "passwordSecretKey";
/** Store bounds: positive whole numbers. */
type Limit = "maxTokenNameLength" | "maxTokensPerUser";

export const controlmOptionDefaults: Record<Choice | Free | Limit, string> = {
  version: "9.22.30",
  annotation: "off",
  annotationSubjectHeader: "Annotation-Subject",
  annotationDescriptionHeader: "Annotation-Description",
  passwordSecretKey: "emuser-password",
  secretsInRestBody: "resolved",
  tokenValueOnRead: "masked",
  responseDates: "as-given",
  tokenList: "wrapped",
  tokenType: "User",
  logoutMessage: "echo-token",
  messageTexts: "default",
  wrongContentTypeStatus: "400",
  sessionTokenHex: "128",
  logoutQueryToken: "refused",
  sessionTokenAsApiKey: "refused",
  apiTokenAsBearer: "refused",
  tokenNameScope: "server",
  maxTokenNameLength: "256",
  maxTokensPerUser: "1000",
};

export const controlmOptionHelp: Record<keyof typeof controlmOptionDefaults, string> = {
  version: "the release reported in the login response (default 9.22.30)",
  annotation: "on: token create/update/delete need an annotation (both headers), else 400 (default off; CTM-A-13). A deployment setting",
  annotationSubjectHeader:
    "header carrying the annotation subject when annotation=on (default Annotation-Subject: the mock's choice, the real name is not public; CTM-A-13 OPEN)",
  annotationDescriptionHeader:
    "header carrying the annotation description when annotation=on (default Annotation-Description: the mock's choice; CTM-A-13 OPEN)",
  passwordSecretKey:
    "key of the predefined secret that holds the default user's password, for Secret:<key> (default emuser-password: the mock's seed, Control-M documents none; CTM-S-10)",
  secretsInRestBody:
    "Secret:<key> in the REST password-update body: resolved (default, as the CLI documents) or literal (taken as plain text); CTM-S-10 OPEN",
  tokenValueOnRead: "tokenValue on GET, list and update: masked (default, ********), omitted, or value (the real value); UNVERIFIED",
  responseDates:
    "dates in TokenDataResponse: as-given (default: expirationDate as sent, createdDate/lastUpdatedDate ISO-8601 date-time), date-only (all YYYY-MM-DD) or date-time (all ISO-8601 date-time, expirationDate at 00:00Z); UNVERIFIED",
  tokenList: "GET /authentication/tokens: wrapped (default, {tokens:[…]} as spec 9.20.250) or bare (a JSON array); UNVERIFIED",
  tokenType: "tokenType of a user token: User (default), user or USER; the enum strings are UNVERIFIED",
  logoutMessage:
    "logout SuccessData message: echo-token (default, 'Successfully logged out from session <token>' as captured) or plain (no token in it)",
  messageTexts: "ErrorList and SuccessData texts: default or alternate wordings; the exact texts are UNVERIFIED",
  wrongContentTypeStatus: "status for a JSON body sent without Content-Type application/json: 400 (default) or 415; UNVERIFIED",
  sessionTokenHex: "length of a session token in hex characters: 128 (default, 9.19+ capture) or 104 (the 9.18/9.20 doc example)",
  logoutQueryToken:
    "POST /session/logout?token=<token> without a header: refused (default, 401) or accepted (the old Postman style); UNVERIFIED",
  sessionTokenAsApiKey:
    "a session token (from login) sent as x-api-key: refused (default, only API tokens travel there) or accepted as its session; UNVERIFIED",
  apiTokenAsBearer:
    "an API token sent as Authorization: Bearer: refused (default, only session tokens travel there) or accepted as its owner; UNVERIFIED",
  tokenNameScope:
    "where an API token name must be unique: server (default, across every user) or user (among the user's own tokens); the docs say only 'a unique name'",
  maxTokenNameLength:
    "longest API token name (and newTokenName) accepted; a longer one is refused 400 ErrorList (default 256: the mock's bound, Control-M documents none)",
  maxTokensPerUser:
    "most API tokens one user may hold; creating one more is refused 400 ErrorList (default 1000: the mock's bound, Control-M documents none)",
};

export type ControlmOptions = { [K in Choice]: (typeof CHOICES)[K][number] } & Record<Free, string> & Record<Limit, number>;

/** Header names travel on the wire: an empty or space-holding one would only fail later, obscurely. */
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

/** Checks the options at start and reads them once, typed. */
export function readControlmOptions(config: MockConfig): ControlmOptions {
  const raw = { ...controlmOptionDefaults, ...config.options };
  for (const [name, allowed] of Object.entries(CHOICES) as [Choice, readonly string[]][]) {
    if (!allowed.includes(raw[name])) throw new Error(`controlm mock: option ${name}=${raw[name]} is not one of ${allowed.join(", ")}`);
  }
  for (const name of ["annotationSubjectHeader", "annotationDescriptionHeader"] as const) {
    if (!HEADER_NAME.test(raw[name]))
      throw new Error(`controlm mock: option ${name}=${JSON.stringify(raw[name])} is not an HTTP header name`);
  }
  if (raw.passwordSecretKey.trim() === "") throw new Error("controlm mock: option passwordSecretKey must not be empty");
  const limit = (name: Limit): number => {
    if (!/^[1-9]\d{0,8}$/.test(raw[name])) throw new Error(`controlm mock: option ${name}=${raw[name]} is not a positive whole number`);
    return Number(raw[name]);
  };
  return { ...raw, maxTokenNameLength: limit("maxTokenNameLength"), maxTokensPerUser: limit("maxTokensPerUser") } as ControlmOptions;
}
