import type { Context } from "hono";
import { SERVERINFO_VERSIONS, SERVERINFO_VERSION_VERSIONS, negotiate } from "./api-version.ts";
import { crestError } from "./crest.ts";
import type { ServerRelease } from "./settings.ts";
import type { OpenamState } from "./state.ts";

/**
 * `GET /json/serverinfo/*` and `GET /json/serverinfo/version`, as recorded from AM 7.5.0 and
 * 8.0.1 (classic and platform) and Identity Cloud (evidence/recordings/openam/). frodo-lib
 * learns the SSO cookie's name from the first and parses the release from the second's
 * `version` ("Cannot extract semantic version from version info object" otherwise).
 * Values a server picks (`_rev`, the build) are the mock's own; the key sets are the recordings'.
 */
// Stryker disable all: the documents' other keys and values are the deployment's configuration, read by no client's session
// handling (frodo-lib reads cookieName and version, both asserted); their key sets per release are checked against the
// recordings by the fidelity spec (specs/harness/fidelity.spec.ts), not by the suites, which assert no more than clients rely on.
const COMMON_BEFORE_COOKIE = { protectedUserAttributes: ["telephoneNumber", "mail"] };
const COMMON_AFTER_COOKIE = {
  forgotPassword: "false",
  forgotUsername: "false",
  kbaEnabled: "false",
  selfRegistration: "false",
  lang: "en-US",
  successfulUserRegistrationDestination: "default",
  socialImplementations: [],
  referralsEnabled: "false",
  zeroPageLogin: { enabled: false, refererWhitelist: [], allowedWithoutReferer: true },
};

/** What each release adds to or leaves out of the document, and the `version` it reports (frodo-cli and frodo-lib recordings). */
const RELEASES: Record<ServerRelease, { version: string; domains: boolean; extra: Record<string, unknown> }> = {
  // frodo-lib classic-8.0.1 and frodo-cli platform-8.0.1 recordings.
  "8.0.1": { version: "8.0.1", domains: true, extra: { nodeDesignerXuiEnabled: true } },
  // frodo-lib classic-7.5.0 and cloud-7.6.0, frodo-cli cloud-7.4.0.
  "7.5.0": { version: "7.5.0", domains: true, extra: {} },
  // frodo-cli classic-7.5.0: the same release without a cookie domain configured sends no domains key.
  "7.5.0-no-domains": { version: "7.5.0", domains: false, extra: {} },
  // frodo-cli cloud-8.1.0.
  "cloud-8.1.0": { version: "8.1.0-SNAPSHOT", domains: true, extra: { cloudOnlyFeaturesEnabled: true } },
  // frodo-cli cloud-9.0.0.
  "cloud-9.0.0": { version: "9.0.0-SNAPSHOT", domains: true, extra: { cloudOnlyFeaturesEnabled: true, oauth2AIAgentsEnabled: false } },
};

/** A stand-in build of the mock's own: the recordings' builds are 40 hex digits and a date. */
const REVISION = "0000000000000000000000000000000000000000";
const BUILD_DATE = "2025-April-15 11:37";

/** A CREST `_rev`: real AM sends a hash of the document; any stable string serves a client. */
function revisionOf(document: object): string {
  let hash = 0;
  for (const ch of JSON.stringify(document)) hash = (Math.imul(hash, 31) + ch.charCodeAt(0)) | 0;
  return String(hash);
}

// Stryker restore all
/** Any id but `version` is answered with the `*` document, as before: the corpus records no other. */
export function serverInfo(c: Context, state: OpenamState, id: string): Response {
  // Stryker disable next-line ConditionalExpression,StringLiteral: serverinfo is read with GET by every client; AM's answer to another method is not recorded.
  if (c.req.method !== "GET") return crestError(c, 405, `Method ${c.req.method} not allowed on serverinfo`);
  const release = RELEASES[state.settings.release];
  const noHeaderDefect = state.context.defect("no-api-version-header");
  if (id === "version") {
    const refused = negotiate(c, SERVERINFO_VERSION_VERSIONS, noHeaderDefect);
    // Stryker disable next-line ConditionalExpression: which resource versions serverinfo refuses is not recorded; clients send 1.0/1.1.
    if (refused) return refused;
    const version = {
      version: release.version,
      fullVersion: `ForgeRock Access Management ${release.version} Build ${REVISION} (${BUILD_DATE})`,
      revision: REVISION,
      date: BUILD_DATE,
    };
    return c.json({ _id: "version", _rev: revisionOf(version), ...version });
  }
  const refused = negotiate(c, SERVERINFO_VERSIONS, noHeaderDefect);
  // Stryker disable next-line ConditionalExpression: see above.
  if (refused) return refused;
  const settings = state.settings;
  // Stryker disable next-line ObjectLiteral,ArrayDeclaration,BooleanLiteral: see the tables above; cookieName is asserted.
  const document = {
    ...(release.domains ? { domains: [] } : {}),
    ...COMMON_BEFORE_COOKIE,
    cookieName: settings.cookieName,
    secureCookie: settings.secureCookie,
    ...COMMON_AFTER_COOKIE,
    // Stryker disable next-line StringLiteral: see above.
    realm: "/",
    // Stryker disable next-line BooleanLiteral,ArrayDeclaration: see above.
    xuiUserSessionValidationEnabled: true,
    // Stryker disable next-line BooleanLiteral,ArrayDeclaration: see above.
    fileBasedConfiguration: false,
    // Stryker disable next-line BooleanLiteral,ArrayDeclaration: see above.
    userIdAttributes: [],
    ...release.extra,
  };
  return c.json({ _id: "*", _rev: revisionOf(document), ...document });
}
