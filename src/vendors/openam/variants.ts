import type { MockVariant } from "../../vendor-api/mock.ts";

/**
 * Legal AM servers the suites must pass against: one variant per answer the wire notes
 * (wire-notes-vmanage-openam.md §2) leave open, and per release difference. Releases are
 * variants too: `--variant 7.2` names the resource-version one.
 */
const NOTES = "wire-notes-vmanage-openam.md";
const RECORDED = "src/vendors/openam/recordings";

export const openamVariants: readonly MockVariant[] = [
  {
    name: "am-7-1-sessions-4-0",
    aliases: ["7.1"],
    description: "AM 7 / 7.1: sessions resource 4.0 (the mock's default)",
    evidence: `${NOTES} §2.2 Resource versions by release [DOC]: "AM 7 and 7.1: sessions resource 4.0."`,
    options: { resourceVersion: "4.0" },
  },
  {
    name: "am-7-2-sessions-5-0",
    aliases: ["7.2"],
    description: "AM 7.2: sessions resource 5.0; 4.0 still accepted",
    evidence: `${NOTES} §2.2 [DOC]: "AM 7.2: 5.0." and "Clients pin older versions, and AM still accepts them"`,
    options: { resourceVersion: "5.0" },
  },
  {
    name: "am-7-4-sessions-5-1",
    aliases: ["7.4"],
    description: "AM 7.4, 7.5, 8, 8.1: sessions resource 5.1; 4.0 still accepted",
    evidence: `${NOTES} §2.2 [DOC]: "AM 7.4, 7.5, 8, 8.1: 5.1."`,
    options: { resourceVersion: "5.1" },
  },
  {
    name: "missing-tokenid-acts-on-caller",
    description: "getSessionInfo & co. without a body tokenId act on the caller's own token instead of answering 400",
    evidence: `${NOTES} §2.2 Who may call what [SRC]: "Without a body tokenId, the action applies to the caller's own token." (against the amster schema's "required" : [ "tokenId" ])`,
    options: { missingTokenId: "caller" },
  },
  {
    name: "tenant-cookie-name",
    description: "a tenant-specific SSO cookie (and header) name instead of iPlanetDirectoryPro, as Ping AIC has",
    evidence: `${NOTES} §2.1 Cookie name [LIVE]: "Clients should not hard-code the name: Ping AIC uses a tenant-specific cookie name."`,
    options: { cookieName: "6ac6499e9da2071" },
  },
  {
    name: "context-path-openam",
    description: "deployed at /openam (the classic OpenAM context path) instead of /am",
    evidence: `${NOTES} §2.1 [LIVE] "POST /am/json/realms/root/authenticate" vs [DOC] "POST /json/realms/root/authenticate": the prefix is the deployment's context path, not the API's. /openam is the OpenAM fork's (§3 AM 3) customary one; the notes hold no capture of it`,
    options: { contextPath: "/openam" },
  },
  {
    name: "context-path-root",
    description: "deployed at the server root: /json/… with no context path",
    evidence: `${NOTES} §2.1 Request [DOC]: "POST /json/realms/root/authenticate" (the docs' paths carry no context path); §2.2 Path and method: "POST /json/realms/root/sessions/?_action=<name>"`,
    options: { contextPath: "" },
  },
  {
    name: "secure-sso-cookie",
    description: "the SSO cookie carries Secure (an https deployment)",
    evidence: `${NOTES} §2.1: "Cookie attributes in this capture: Path=/; HttpOnly on plain http … Expect Secure on https deployments (UNCERTAIN)."`,
    options: { secureCookie: "true" },
  },
  {
    name: "auth-failure-with-detail",
    description: 'the authenticate 401 body adds detail: {failureUrl: ""}',
    evidence: `${NOTES} §2.1 Failure: "UNCERTAIN: whether real AM adds \\"detail\\":{\\"failureUrl\\":\\"\\"}. No primary capture was found."`,
    options: { authFailureBody: "detail" },
  },
  {
    name: "invalid-target-400",
    description:
      "getSessionInfo, getSessionInfoAndResetIdleTime and refresh of a dead target answer a CREST 400 instead of 200 {valid:false}",
    evidence: `${NOTES} §2.3 getSessionInfo: "Invalid target token [SRC]: 200 {\\"valid\\":false} … UNCERTAIN for AM 7/8, which may return an error code instead." (400 is the fork's answer for getSessionProperties of an invalid token)`,
    options: { invalidTarget: "400" },
  },
  {
    name: "invalid-target-401",
    description: "getSessionInfo, getSessionInfoAndResetIdleTime and refresh of a dead target answer a CREST 401",
    evidence: `${NOTES} §2.3 getSessionInfo: "UNCERTAIN for AM 7/8, which may return an error code instead."`,
    options: { invalidTarget: "401" },
  },
  {
    name: "refresh-openam-fork-shape",
    description:
      "refresh answers the OpenAM fork's {valid, uid, realm, idletime, maxidletime, maxsessiontime, maxtime} instead of the getSessionInfo shape",
    evidence: `${NOTES} §2.3 refresh: "[SRC] The OpenAM fork returns {\\"valid\\"?, \\"uid\\", \\"realm\\", \\"idletime\\", \\"maxidletime\\", \\"maxsessiontime\\", \\"maxtime\\"} … UNCERTAIN for AM 7/8, which probably returns the getSessionInfo shape."`,
    options: { refreshShape: "openam-fork" },
  },
  {
    name: "dead-token-logout-200",
    description:
      "logout with the caller's own expired or unknown token answers 200 {result: \"Token has expired\"} instead of the filter's 401",
    evidence: `${NOTES} §2.3 logout: "[SRC] Already-expired or unknown token: 200 {\\"result\\":\\"Token has expired\\"} (LogoutActionHandler.java:142). UNCERTAIN on AM 7/8: the authentication filter may answer 401 first"`,
    options: { deadTokenLogout: "200" },
  },
  {
    name: "logout-with-goto",
    description: "a post-process logout URL is configured: logout answers goto besides result",
    evidence: `${NOTES} §2.3 logout: "[SRC] Also carries \\"goto\\":\\"<url>\\" when a post-process logout URL is configured."`,
    options: { logoutGoto: "https://sso.example.com/goodbye" },
  },
  {
    name: "property-update-exact-keys",
    description:
      "updateSessionProperties demands the body's properties be exactly the settable allow-list (the fork's rule); nothing outside it is accepted either",
    evidence: `${NOTES} §2.3 updateSessionProperties [SRC]: "The body's keys must exactly equal the allowlisted key set; otherwise 403 … In AM 7+ the target token goes in the body as tokenId; how that mixes with the property keys is UNCERTAIN."`,
    options: { propertyUpdate: "exact" },
  },
  {
    name: "query-envelope-minimal",
    description: "the query envelope without totalPagedResultsPolicy and totalPagedResults",
    evidence: `${NOTES} §2.3 query: "Envelope: standard CREST, {\\"result\\":[...],\\"resultCount\\":n,\\"pagedResultsCookie\\":null,…}. UNCERTAIN: from CREST convention, not a capture."`,
    options: { queryEnvelope: "crest-minimal" },
  },
  {
    name: "openam-fork-caller-rule",
    description:
      "the OpenAM fork: getSessionInfo with no caller cookie or header answers 401 even when the body's tokenId is live (current AM answers 200 with the info)",
    evidence: `${NOTES} §2.2 Who may call what [SRC] (the fork's CoreRestRouteProvider: every action but validate needs a caller session). Current AM differs: ${RECORDED} (frodo-lib getTokens, AM 7.5.0, 8.0.1 classic and platform, Identity Cloud)`,
    options: { getSessionInfoCaller: "required" },
  },
  {
    name: "platform-8-0-1",
    description: "AM 8.0.1 in the ForgeRock Identity Platform: the SSO cookie carries Secure and SameSite=none",
    evidence: `${RECORDED}/frodo-cli-platform-8.0.1.json (POST authenticate: "iPlanetDirectoryPro=…; Path=/; Secure; HttpOnly; SameSite=none")`,
    options: { secureCookie: "true", ssoCookieSameSite: "none" },
  },
  {
    name: "am-7-5-serverinfo",
    description: "AM 7.5 and Identity Cloud 7.x: serverinfo/* without nodeDesignerXuiEnabled; serverinfo/version reports 7.5.0",
    evidence: `${RECORDED}/frodo-lib-classic-7.5.0.json, frodo-lib-cloud-7.6.0.json, frodo-cli-cloud-7.4.0.json (GET serverinfo/*)`,
    options: { release: "7.5.0" },
  },
  {
    name: "am-7-5-serverinfo-no-domains",
    description: "AM 7.5 with no cookie domain configured: serverinfo/* without the domains key",
    evidence: `${RECORDED}/frodo-cli-classic-7.5.0.json (GET serverinfo/*: no domains key, where frodo-lib's 7.5.0 recording has one)`,
    options: { release: "7.5.0-no-domains" },
  },
  {
    name: "identity-cloud-8-1-serverinfo",
    description: "Identity Cloud on AM 8.1: serverinfo/* adds cloudOnlyFeaturesEnabled; a tenant cookie name",
    evidence: `${RECORDED}/frodo-cli-cloud-8.1.0.json (GET serverinfo/*)`,
    options: { release: "cloud-8.1.0", cookieName: "6ac6499e9da2071", secureCookie: "true" },
  },
  {
    name: "identity-cloud-9-0-serverinfo",
    description: "Identity Cloud on AM 9.0: serverinfo/* adds cloudOnlyFeaturesEnabled and oauth2AIAgentsEnabled; a tenant cookie name",
    evidence: `${RECORDED}/frodo-cli-cloud-9.0.0.json (GET serverinfo/*)`,
    options: { release: "cloud-9.0.0", cookieName: "4ad7d57003aee4f", secureCookie: "true" },
  },
];
