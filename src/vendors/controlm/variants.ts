import type { MockVariant } from "../../vendor-api/mock.ts";

const NOTES = "wire-notes-controlm-hmc.md";
const MINUTE = 60_000;
const VALIDITY = `${NOTES} §1.2: "'A token is valid for 30 minutes.' [DOC Session Service page, all versions]. Whether the 30 minutes is an idle or an absolute timeout is not stated [UNVERIFIED]"; BEHAVIOURS.md CTM-S-06 OPEN`;
const SECRET = `${NOTES} §1.2: "Either value may be plain text or "Secret:<secretKey>" [DOC …session-service-872868771.html]. Whether the REST body accepts Secret: values is [UNVERIFIED]"; BEHAVIOURS.md CTM-S-10 OPEN (REST body)`;
const ANNOTATION = `${NOTES} §1.4 Annotation headers: "The names Annotation-Subject and Annotation-Description from the brief were not found in any stored source. Treat them as [UNVERIFIED]"; "If annotation is enabled … you must also provide an annotation"; BEHAVIOURS.md CTM-A-13 (header names: OPEN)`;
const DATES = `${NOTES} §1.4: "Date formats in responses are [UNVERIFIED]"`;
const TOKEN_TYPE = `${NOTES} §1.4: "tokenType values: docs and code mention "User" and Agent tokens. The exact enum strings are [UNVERIFIED]"`;
const LIST = `${NOTES} §1.4 TokenList: "{"tokens": [TokenDataResponse, ...]}; tokens is required in 9.20.250 … Whether staging returns this wrapper or a bare array is [UNVERIFIED]; the spec says the wrapper"`;
const TEXTS = `${NOTES} §1.3: "The exact message texts for bad credentials, an expired token or a missing token were not found in any public source [UNVERIFIED]. … assertions should match only the shape"; §1.4: "SuccessData (delete): {"message": "..."}. The exact message text is [UNVERIFIED]"`;
const CONTENT_TYPE = `${NOTES} §1.3: "Wrong Content-Type and malformed JSON: not documented anywhere found [UNVERIFIED]. Expect 400 or 415 and record the actual behaviour on staging"`;
const TOKEN_LENGTH = `${NOTES} §1.2: "The 9.18/9.20 docs show 104 hex chars … A real capture in the community repo … shows a 128-hex-char token with "version": "9.19.120""`;
const LOGOUT_QUERY = `${NOTES} §1.1: "the community Postman collection calls logout as POST .../session/logout?token={{token}} with no header … Whether the query-string token is still accepted is [UNVERIFIED]"`;
const CARRIERS = `${NOTES} §1.1: "Session token (from /session/login): Authorization: Bearer <token>. API token (Authentication service / UI-created): x-api-key: <token>"; "Every session and authentication operation lists auth_settings = ['ApiKeyAuth', 'Bearer']"; "ctm-vscode-extension : docs/REST_API_REFERENCE.md (HEAD) says session-login tokens go in x-api-key. That contradicts the BMC docs, so do not rely on it"`;
const NAME_SCOPE = `controlm-authentication-service.txt: "tokenName — A unique name for the token" (unique among what, it does not say) while get, update and delete each act on "an authentication token of the logged-in user"; ${NOTES} §1.4: "tokenName: unique name"`;
const LOGOUT_TEXT = `${NOTES} §1.2 logout: "Responses: 200 SuccessData {"message": str}"; "Real success body (community repo, apigee README:102-105, via ctm session logout <token>): {"message": "Successfully logged out from session <TOKEN>"}"`;

/**
 * One legal Control-M per answer the wire notes leave open (§1: every UNVERIFIED point,
 * and the OPEN ids CTM-S-06, CTM-S-10, CTM-A-13). Every suite must pass on each; the
 * pairs for the OPEN ids are what `openIdsToldApart` compares. Each variant names only
 * the options it changes: the rest stay at the mock's defaults (annotation off, no
 * Secret: key declared, so CTM-A-13's and CTM-S-10's scenarios run only where a variant
 * declares them).
 */
export const controlmVariants: readonly MockVariant[] = [
  {
    name: "token-value-masked",
    description: "GET, list and update show tokenValue masked as ******** (the default)",
    evidence: `${NOTES} §1.4: "Whether tokenValue is returned on GET/list, or only on create, is [UNVERIFIED]. Mask or omit it in mocks for GET unless staging shows otherwise."`,
    options: { tokenValueOnRead: "masked" },
  },
  {
    name: "token-value-omitted",
    description: "GET, list and update leave tokenValue out",
    evidence: `${NOTES} §1.4: "Whether tokenValue is returned on GET/list, or only on create, is [UNVERIFIED]. Mask or omit it in mocks for GET"`,
    options: { tokenValueOnRead: "omitted" },
  },
  {
    name: "token-value-shown",
    description: "GET, list and update return the real tokenValue",
    evidence: `${NOTES} §1.4: "Whether tokenValue is returned on GET/list, or only on create, is [UNVERIFIED]"; "In spec 9.20.250, tokenName, tokenType and tokenValue are required"`,
    options: { tokenValueOnRead: "value" },
  },

  {
    name: "dates-as-given",
    description: "expirationDate echoed as sent (YYYY-MM-DD), createdDate and lastUpdatedDate ISO-8601 date-times (the default)",
    evidence: `${DATES}; §1.4: "expirationDate: a future date, YYYY-MM-DD"`,
    options: { responseDates: "as-given" },
  },
  {
    name: "dates-date-only",
    description: "every date field YYYY-MM-DD, createdDate and lastUpdatedDate included",
    evidence: DATES,
    options: { responseDates: "date-only" },
  },
  {
    name: "dates-date-time",
    description: "every date field an ISO-8601 date-time; expirationDate at 00:00Z of its day",
    evidence: DATES,
    options: { responseDates: "date-time" },
  },

  {
    name: "token-list-wrapped",
    description: "GET /authentication/tokens answers {tokens:[…]} (the default; spec 9.20.250)",
    evidence: LIST,
    options: { tokenList: "wrapped" },
  },
  {
    name: "token-list-bare",
    description: "GET /authentication/tokens answers a bare JSON array",
    evidence: LIST,
    options: { tokenList: "bare" },
  },

  {
    name: "token-type-capitalised",
    description: 'tokenType of a user token is "User" (the default)',
    evidence: TOKEN_TYPE,
    options: { tokenType: "User" },
  },
  {
    name: "token-type-lower-case",
    description: 'tokenType of a user token is "user"',
    evidence: TOKEN_TYPE,
    options: { tokenType: "user" },
  },
  {
    name: "token-type-upper-case",
    description: 'tokenType of a user token is "USER"',
    evidence: TOKEN_TYPE,
    options: { tokenType: "USER" },
  },

  {
    name: "validity-from-issue",
    aliases: ["absolute"],
    description: "a session token is refused 30 minutes after login, however it is used (the default)",
    evidence: `${VALIDITY}; §3 Control-M mock 3: "Session tokens expire 30 minutes after issue (idle vs absolute is configurable, since it is unverified)"`,
    idleMs: null,
    lifetimeMs: 30 * MINUTE,
  },
  {
    name: "validity-from-last-use",
    aliases: ["idle"],
    description: "a session token is refused 30 minutes after its last use",
    evidence: VALIDITY,
    idleMs: 30 * MINUTE,
    lifetimeMs: null,
  },

  {
    name: "logout-message-echoes-token",
    description: 'logout answers {"message": "Successfully logged out from session <token>"} (the default, as captured)',
    evidence: LOGOUT_TEXT,
    options: { logoutMessage: "echo-token" },
  },
  {
    name: "logout-message-plain",
    description: "logout answers a message without the token in it",
    evidence: `${LOGOUT_TEXT}; the spec fixes only SuccessData {message: str}`,
    options: { logoutMessage: "plain" },
  },

  {
    name: "texts-default",
    description: 'ErrorList and SuccessData texts of the default wording ("Login failed", "Passwored changed successfully" [sic])',
    evidence: `${TEXTS}; §1.2: 401 ErrorList ("Login failed"), 200 SuccessData ("Passwored changed successfully" [sic, spec text])`,
    options: { messageTexts: "default" },
  },
  {
    name: "texts-alternate",
    description: "every ErrorList and SuccessData text worded otherwise",
    evidence: TEXTS,
    options: { messageTexts: "alternate" },
  },

  {
    name: "wrong-content-type-400",
    description: "a JSON body sent without Content-Type application/json is refused 400 (the default)",
    evidence: CONTENT_TYPE,
    options: { wrongContentTypeStatus: "400" },
  },
  {
    name: "wrong-content-type-415",
    description: "a JSON body sent without Content-Type application/json is refused 415",
    evidence: CONTENT_TYPE,
    options: { wrongContentTypeStatus: "415" },
  },

  {
    name: "session-token-128-hex",
    description: "session tokens of 128 upper-case hex characters (the default; 9.19+)",
    evidence: TOKEN_LENGTH,
    options: { sessionTokenHex: "128" },
  },
  {
    name: "session-token-104-hex",
    description: "session tokens of 104 upper-case hex characters (the 9.18/9.20 doc example)",
    evidence: TOKEN_LENGTH,
    options: { sessionTokenHex: "104" },
  },

  {
    name: "logout-query-token-refused",
    description: "POST /session/logout?token=<token> without a header is refused 401 (the default)",
    evidence: LOGOUT_QUERY,
    options: { logoutQueryToken: "refused" },
  },
  {
    name: "logout-query-token-accepted",
    description: "POST /session/logout?token=<token> without a header logs the token out",
    evidence: LOGOUT_QUERY,
    options: { logoutQueryToken: "accepted" },
  },

  {
    name: "session-token-as-api-key-refused",
    description: "a session token sent as x-api-key is refused 401: only API tokens travel there (the default)",
    evidence: CARRIERS,
    options: { sessionTokenAsApiKey: "refused" },
  },
  {
    name: "session-token-as-api-key-accepted",
    description: "a live session token sent as x-api-key is accepted as its session (and refused once the session ended)",
    evidence: CARRIERS,
    options: { sessionTokenAsApiKey: "accepted" },
  },

  {
    name: "api-token-as-bearer-refused",
    description: "an API token sent as Authorization: Bearer is refused 401: only session tokens travel there (the default)",
    evidence: CARRIERS,
    options: { apiTokenAsBearer: "refused" },
  },
  {
    name: "api-token-as-bearer-accepted",
    description: "a live API token sent as Authorization: Bearer is accepted as its owner (and refused once deleted or expired)",
    evidence: CARRIERS,
    options: { apiTokenAsBearer: "accepted" },
  },

  {
    name: "token-names-unique-per-server",
    description: "an API token name is unique across every user: another user's create with a name in use is refused 400 (the default)",
    evidence: NAME_SCOPE,
    options: { tokenNameScope: "server" },
  },
  {
    name: "token-names-unique-per-user",
    description: "an API token name is unique among one user's tokens: two users may each hold a token of the same name",
    evidence: NAME_SCOPE,
    options: { tokenNameScope: "user" },
  },

  {
    name: "annotation-headers-annotation-subject",
    description: "annotation on, with the subject and description in Annotation-Subject and Annotation-Description",
    evidence: ANNOTATION,
    options: { annotation: "on", annotationSubjectHeader: "Annotation-Subject", annotationDescriptionHeader: "Annotation-Description" },
  },
  {
    name: "annotation-headers-x-annotation",
    description: "annotation on, with the subject and description in X-Annotation-Subject and X-Annotation-Description",
    evidence: ANNOTATION,
    options: { annotation: "on", annotationSubjectHeader: "X-Annotation-Subject", annotationDescriptionHeader: "X-Annotation-Description" },
  },

  {
    name: "secret-resolved-in-rest-body",
    description: "Secret:<key> in the REST password-update body is resolved, as the CLI documents",
    evidence: SECRET,
    options: { secretsInRestBody: "resolved", passwordSecretKey: "emuser-password" },
  },
  {
    name: "secret-literal-in-rest-body",
    description: "Secret:<key> in the REST password-update body is taken as plain text (so it is the wrong current password)",
    evidence: SECRET,
    options: { secretsInRestBody: "literal", passwordSecretKey: "ctm-test-password" },
  },

  {
    name: "every-other-answer",
    description:
      "every non-default answer at once: tokenValue omitted, date-only dates, a bare list, tokenType user, a plain logout message, alternate texts, 415, 104-hex tokens, the old logout style, session tokens as x-api-key and API tokens as Bearer, names unique per user, validity from last use, literal Secret:, annotation on with X- headers",
    evidence: `the combination of the points above (${NOTES} §1.1–1.4)`,
    options: {
      tokenValueOnRead: "omitted",
      responseDates: "date-only",
      tokenList: "bare",
      tokenType: "user",
      logoutMessage: "plain",
      messageTexts: "alternate",
      wrongContentTypeStatus: "415",
      sessionTokenHex: "104",
      logoutQueryToken: "accepted",
      sessionTokenAsApiKey: "accepted",
      apiTokenAsBearer: "accepted",
      tokenNameScope: "user",
      secretsInRestBody: "literal",
      passwordSecretKey: "ctm-test-password",
      annotation: "on",
      annotationSubjectHeader: "X-Annotation-Subject",
      annotationDescriptionHeader: "X-Annotation-Description",
    },
    idleMs: 30 * MINUTE,
    lifetimeMs: null,
  },
];
