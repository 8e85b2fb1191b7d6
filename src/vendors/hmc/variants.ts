import type { MockVariant } from "../../vendor-api/mock.ts";

const NOTES = "wire-notes-controlm-hmc.md";
const MINUTE = 60_000;

/**
 * One legal HMC per answer the wire notes leave open (§2: UNVERIFIED points, OPEN codes,
 * differences between captures). Every suite must pass on each; pairs that differ in an
 * OPEN code (HMC-06, 07, 08) are what `openIdsToldApart` compares. Each names only the
 * options it changes: the rest stay at the mock's defaults.
 */
export const hmcVariants: readonly MockVariant[] = [
  {
    name: "bad-session-401",
    aliases: ["401"],
    description: "a missing or invalid X-API-Session is refused 401 with an HttpErrorResponse (the default)",
    evidence: `${NOTES} §2.2: "Expired or invalid session → 401 in practice. Three clients all treat 401 as 're-logon and retry once'"; §3 HMC mock 4: "Session-expiry status: 401, configurable to 403"`,
    options: { badSessionStatus: "401", logoffStatus: "204" },
  },
  {
    name: "bad-session-403",
    aliases: ["403"],
    description: "a missing X-API-Session is refused 403 reason code 4, an invalid one 403 reason code 5",
    evidence: `${NOTES} §2.2: "ibm.com/docs/POWER9/p9ehl/apis/RequestHeaders.htm says a missing X-API-Session gives 403 (Forbidden) reason code 4, and an invalid session id gives 403 reason code 5 … [UNVERIFIED which is right]"`,
    options: { badSessionStatus: "403" },
  },
  {
    name: "bad-session-401-empty-body",
    description: "the 401 for a missing or invalid X-API-Session has no body (no HttpErrorResponse envelope)",
    evidence: `${NOTES} §2.5: "Whether a 401 for an invalid session uses this envelope is [UNVERIFIED]"`,
    options: { badSessionStatus: "401", badSessionBody: "empty" },
  },
  {
    name: "logoff-204",
    description: "DELETE Logon answers 204 No Content (the default)",
    evidence: `${NOTES} §2.3: "The success status is [UNVERIFIED] … Mocks should return 204 No Content by default and tests should accept 200 or 204"`,
    options: { logoffStatus: "204" },
  },
  {
    name: "logoff-200",
    description: "DELETE Logon answers 200",
    evidence: `${NOTES} §2.3: "The success status is [UNVERIFIED] … pypowervm's generic handling treats 204 and 200 alike … tests should accept 200 or 204"`,
    options: { logoffStatus: "200" },
  },
  {
    name: "logon-response-v1-1-0",
    description:
      "the LogonResponse says schemaVersion V1_1_0 whatever version the LogonRequest asked for, with no k2 namespace declaration (the default answers in the version asked)",
    evidence: `ibm-hmc-logon-logoff.txt, Example response: '<LogonResponse xmlns="…/web/mc/2012_10/" schemaVersion="V1_1_0">'; pypowervm@8613035a tests/data/logon.xml answers its V1_0 request (const.py:59-67) with V1_1_0; ${NOTES} §2.1 Success response shows schemaVersion="V1_0" (captured 2024)`,
    options: { logonResponseVersion: "V1_1_0" },
  },
  {
    name: "logon-response-prefixed",
    description: 'the LogonResponse binds the web namespace through a prefix: <web:LogonResponse xmlns:web="…/web/mc/2012_10/">',
    evidence: `${NOTES} §2.4/§2.5: the same console writes <ManagementConsole:ManagementConsole xmlns:ManagementConsole="…"> and <HttpErrorResponse:HttpErrorResponse xmlns:HttpErrorResponse="…">, so its serializer binds namespaces through prefixes; Namespaces in XML 1.0 §6: a prefixed and a default binding name the same element`,
    options: { logonResponsePrefix: "web" },
  },
  {
    name: "logon-response-no-metadata",
    description: "the LogonResponse carries no <Metadata> element, only the X-API-Session",
    evidence: `${NOTES} §3 HMC mock 1: "accepts both schemaVersion values and an optional Metadata element"; §2.1: clients locate the token by X-API-Session alone ("doc.xpath('X-API-Session')", "root.findtext('{WEB_NS}X-API-Session')")`,
    options: { logonResponseMetadata: "absent" },
  },
  {
    name: "console-feed-2013",
    description:
      "the ManagementConsole entry as a 2013 (V7R7.7) console sends it: no etag element in the entry, VersionInfo and the object-model versions with Metadata only, an empty ManagedFrames and PowerEnterprisePools (the etag header stays)",
    evidence: `${NOTES} §2.4 "Recorded response (pypowervm tests/data/managementconsole.txt)", recorded 2013-07-26 (pypowervm@8613035a); the default follows hmci@7786f518 src/test/resources/1-hmc.xml, an HMC V9R1 recorded 2021-11-09`,
    options: { consoleFeed: "2013" },
  },
  {
    name: "logon-401-empty-body",
    description: "wrong credentials get 401 with an empty body",
    evidence: `${NOTES} §2.1 Failure on Logon: "The body for a Logon 401 (HttpErrorResponse or empty) is [UNVERIFIED]. Ansible's parse_error_response … handles both an empty body … and an XML body"`,
    options: { logonFailureBody: "empty" },
  },
  {
    name: "content-type-400",
    description: "a Logon with a wrong Content-Type is refused 400 (the default)",
    evidence: `${NOTES} §2.2: "The same page says Content-Type is mandatory when there is a non-zero body, otherwise 400"; §2.1: "Wrong Content-Type or malformed XML on Logon: not documented [UNVERIFIED]"`,
    options: { badContentTypeStatus: "400" },
  },
  {
    name: "content-type-415",
    description: "a Logon with a wrong Content-Type is refused 415 Unsupported Media Type",
    evidence: `${NOTES} §2.1: "Wrong Content-Type or malformed XML on Logon: not documented [UNVERIFIED]" (BEHAVIOURS.md HMC-08: "refused (4xx) … OPEN (code)")`,
    options: { badContentTypeStatus: "415" },
  },
  {
    name: "bad-request-empty-body",
    description: "a Logon refused for its Content-Type or for malformed XML gets no HttpErrorResponse body",
    evidence: `${NOTES} §2.1: "Wrong Content-Type or malformed XML on Logon: not documented [UNVERIFIED]. Ansible maps a message containing 'Failed to unmarshal input payload' to 'invalid input'", which "suggests", not shows, a Message body`,
    options: { badRequestBody: "empty" },
  },
  {
    name: "doctype-parsed",
    description:
      "a LogonRequest carrying a DTD is parsed instead of refused (its entities never match a credential, so the suite's unknown users get 401)",
    evidence: `${NOTES} §2.1: "Wrong Content-Type or malformed XML on Logon: not documented [UNVERIFIED]" — a DTD is well-formed XML, and how the HMC's parser treats it is documented nowhere`,
    options: { doctype: "parsed" },
  },
  {
    name: "cookies-2014",
    description: "the Logon sets JSESSIONID and CCFWSESSION both on Path=/ (the 2014 capture)",
    evidence: `${NOTES} §2.1: "An older header set, from pypowervm tests/test_session.py:175-194 (2014, 200 OK): … set-cookie: JSESSIONID=...; Path=/; Secure; HttpOnly, CCFWSESSION=..." (2024: "JSESSIONID=…; Path=/rest")`,
    options: { cookieSet: "2014" },
  },
  {
    name: "headers-2014",
    description: "responses carry the 2014 headers (x-powered-by, expires, cache-control) instead of the 2024 security headers",
    evidence: `${NOTES} §2.1: "An older header set … x-powered-by: Servlet/3.0 … expires: Thu, 01 Dec 1994 16:00:00 GMT … cache-control: no-cache=\\"set-cookie, set-cookie2\\""`,
    options: { responseHeaders: "2014" },
  },
  {
    name: "mc-type-pvm",
    description: "responses carry X-MC-Type: PVM (a NovaLink console rather than an HMC)",
    evidence: `${NOTES} §2.1: "Optional response header X-MC-Type: absent means 'HMC'; PVM means NovaLink (pypowervm adapter.py:511…)"`,
    options: { mcType: "PVM" },
  },
  {
    name: "logon-cookies-authorize",
    description:
      "a request without X-API-Session is authorized by the Logon's JSESSIONID cookie (the servlet session), which ends when the X-API-Session does",
    evidence: `${NOTES} §2.1: the Logon answers "set-cookie: JSESSIONID=…; Path=/rest; Secure; HttpOnly" and "set-cookie: CCFWSESSION=…", and real clients keep them (hmci, pypowervm); no source says whether a REST request carrying only those cookies is refused or served`,
    options: { logonCookies: "authorize" },
  },
  {
    name: "session-timeout-120m",
    description: "besides the idle timeout, a REST session ends 120 minutes after logon however busy it is",
    evidence: `${NOTES} §2.2: "Configured per HMC user …: 'Session timeout minutes', 'Verify timeout minutes', 'Idle timeout minutes'. hmci recommends 120, 15 and 15"; the token lifetime has "no default number [UNVERIFIED]"`,
    lifetimeMs: 120 * MINUTE,
  },
  {
    name: "operator-idle-longer",
    description:
      "the operator's own idle timeout (30 min) is longer than the default user's (15 min), the other way round from the mock's seeding",
    evidence: `${NOTES} §2.2: "Session lifetime: Configured per HMC user under 'Manage User Profiles and Access → User Properties': … 'Idle timeout minutes'"`,
    options: { operatorIdleTimeout: "30m" },
  },
];
