import { parseDuration } from "../../../time/duration.ts";
import { sessionVersionsFor } from "./api-version.ts";

/**
 * The mock's `--set` options, read once: they describe one deployment (or one legal answer
 * to a point the wire notes leave open), not something a scenario flips mid-run. Each
 * enumeration's first value is the default.
 */
export interface AmSettings {
  cookieName: string;
  contextPath: string;
  sessionVersions: string[];
  refreshThrottleMs: number;
  allowList: string[];
  /** getSessionInfo & co. without a body tokenId: 400 (the amster schema) or act on the caller. */
  missingTokenId: "reject" | "caller";
  /** `Secure` on the SSO cookie (expected on https deployments, UNCERTAIN). */
  secureCookie: boolean;
  /** The authenticate 401 body: the plain CREST envelope, or with `detail: {failureUrl: ""}` (UNCERTAIN). */
  authFailureBody: "plain" | "detail";
  /** getSessionInfo / …AndResetIdleTime / refresh of a dead target: 200 {valid:false} (SRC) or an error (UNCERTAIN on AM 7/8). */
  invalidTarget: "valid-false" | "400" | "401";
  /** refresh's answer: the getSessionInfo shape (AM 7/8, probably) or the OpenAM fork's fields. */
  refreshShape: "session-info" | "openam-fork";
  /** logout with the caller's own dead token: 401 from the authentication filter, or 200 "Token has expired" (SRC). */
  deadTokenLogout: "401" | "200";
  /** A post-process logout URL: logout then also answers `goto` (SRC). Empty: none configured. */
  logoutGoto: string;
  /** updateSessionProperties: properties outside the allow-list refused (DOC), or the fork's "keys must equal the settable list". */
  propertyUpdate: "subset" | "exact";
  /** The query envelope: CREST 3 (all paging fields) or the older one without the total fields (UNCERTAIN). */
  queryEnvelope: "crest" | "crest-minimal";
  /** Longest session property value updateSessionProperties stores: the mock's bound, AM documents none. */
  maxPropertyValueLength: number;
  /** getSessionInfo with no caller session: the body's own live token stands for the caller (AM 7.x/8.x, recorded) or 401 (the OpenAM fork's route table). */
  getSessionInfoCaller: "body-token" | "required";
  /** The release whose serverinfo documents the mock serves (their key sets differ by release, recorded). */
  release: ServerRelease;
  /** SameSite on the SSO cookie: none as the platform (ForgeRock Identity Platform) deployment sets it, recorded; empty: no attribute. */
  ssoCookieSameSite: "" | "none";
}

/** Releases whose serverinfo documents the corpus (evidence/recordings/openam/) shows, each with its own key set. */
export const SERVER_RELEASES = ["8.0.1", "7.5.0", "7.5.0-no-domains", "cloud-8.1.0", "cloud-9.0.0"] as const;
export type ServerRelease = (typeof SERVER_RELEASES)[number];

const DEFAULT_ALLOW_LIST = "AMCtxId,department";

function choice<T extends string>(options: Record<string, string>, name: string, values: readonly T[]): T {
  const value = options[name] ?? values[0];
  if (!values.includes(value as T)) throw new Error(`${name} must be one of ${values.join(", ")}; got "${value}"`);
  return value as T;
}

function positive(options: Record<string, string>, name: string, fallback: string): number {
  const value = (options[name] ?? fallback).trim();
  if (!/^[1-9]\d{0,8}$/.test(value)) throw new Error(`${name} must be a positive whole number; got "${value}"`);
  return Number(value);
}

export function readSettings(options: Record<string, string>): AmSettings {
  const contextPath = (options.contextPath ?? "/am").replace(/\/+$/, "");
  if (contextPath !== "" && !/^\/[\w.-]+(?:\/[\w.-]+)*$/.test(contextPath))
    throw new Error(`contextPath must look like /am or be empty; got "${contextPath}"`);
  const frequency = (options.latestAccessUpdateFrequency ?? "60").trim();
  return {
    cookieName: options.cookieName || "iPlanetDirectoryPro",
    contextPath,
    sessionVersions: sessionVersionsFor(options.resourceVersion ?? "4.0"),
    // AM configures the frequency in seconds; a duration ("90s") is accepted too.
    refreshThrottleMs: /^\d+$/.test(frequency) ? Number(frequency) * 1000 : parseDuration(frequency),
    allowList: (options.sessionPropertyAllowList ?? DEFAULT_ALLOW_LIST)
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    missingTokenId: choice(options, "missingTokenId", ["reject", "caller"]),
    secureCookie: choice(options, "secureCookie", ["false", "true"]) === "true",
    authFailureBody: choice(options, "authFailureBody", ["plain", "detail"]),
    invalidTarget: choice(options, "invalidTarget", ["valid-false", "400", "401"]),
    refreshShape: choice(options, "refreshShape", ["session-info", "openam-fork"]),
    deadTokenLogout: choice(options, "deadTokenLogout", ["401", "200"]),
    logoutGoto: options.logoutGoto ?? "",
    propertyUpdate: choice(options, "propertyUpdate", ["subset", "exact"]),
    queryEnvelope: choice(options, "queryEnvelope", ["crest", "crest-minimal"]),
    maxPropertyValueLength: positive(options, "maxPropertyValueLength", "4096"),
    getSessionInfoCaller: choice(options, "getSessionInfoCaller", ["body-token", "required"]),
    release: choice(options, "release", SERVER_RELEASES),
    ssoCookieSameSite: choice(options, "ssoCookieSameSite", ["", "none"]),
  };
}

export const defaultOptions: Record<string, string> = {
  cookieName: "iPlanetDirectoryPro",
  contextPath: "/am",
  resourceVersion: "4.0",
  latestAccessUpdateFrequency: "60",
  sessionPropertyAllowList: DEFAULT_ALLOW_LIST,
  missingTokenId: "reject",
  secureCookie: "false",
  authFailureBody: "plain",
  invalidTarget: "valid-false",
  refreshShape: "session-info",
  deadTokenLogout: "401",
  logoutGoto: "",
  propertyUpdate: "subset",
  queryEnvelope: "crest",
  maxPropertyValueLength: "4096",
  getSessionInfoCaller: "body-token",
  release: "8.0.1",
  ssoCookieSameSite: "",
};

export const optionHelp: Record<string, string> = {
  cookieName: "SSO cookie (and header) name (default iPlanetDirectoryPro; Ping AIC uses a tenant-specific one)",
  contextPath: "the deployment's context path, e.g. /am (default) or /openam; empty for the server root. The API is served there only",
  resourceVersion:
    "sessions resource version the server speaks: 4.0 (AM 7/7.1, default), 5.0 (7.2), 5.1 (7.4–8.1); older majors stay accepted",
  latestAccessUpdateFrequency: "refresh throttle, seconds or a duration (default 60)",
  sessionPropertyAllowList:
    "comma-separated allow-listed session properties (default AMCtxId,department — the mock's own; AM documents none)",
  missingTokenId:
    "getSessionInfo & co. without a body tokenId: reject (400, the amster schema; default) or caller (act on the caller's token)",
  secureCookie: "false (default, as captured on plain http) or true: the SSO cookie carries Secure",
  authFailureBody: 'plain (default: {code, reason, message}) or detail (adds detail: {failureUrl: ""})',
  invalidTarget: "getSessionInfo, …AndResetIdleTime and refresh of a dead target: valid-false (200 {valid:false}, default), 400 or 401",
  refreshShape:
    "session-info (default: the getSessionInfo shape) or openam-fork ({valid, uid, realm, idletime, maxidletime, maxsessiontime, maxtime})",
  deadTokenLogout:
    'logout with the caller\'s own dead token: 401 (default, the authentication filter) or 200 ({result: "Token has expired"})',
  logoutGoto: "a post-process logout URL; logout then answers goto as well (default: none)",
  propertyUpdate:
    "subset (default: properties outside the allow-list are refused) or exact (the body's properties must be exactly the settable allow-list)",
  queryEnvelope:
    "crest (default: result, resultCount, pagedResultsCookie, totalPagedResultsPolicy, totalPagedResults, remainingPagedResults) or crest-minimal (no total fields)",
  getSessionInfoCaller:
    "getSessionInfo with no caller session: body-token (default: the body's own live tokenId stands for the caller, as AM 7.x/8.x and Identity Cloud answer) or required (401, the OpenAM fork)",
  release: `the release whose serverinfo/* and serverinfo/version documents are served: ${SERVER_RELEASES.join(", ")} (default 8.0.1)`,
  ssoCookieSameSite:
    "SameSite on the SSO cookie: empty (default, classic) or none (the platform deployment; pair it with secureCookie=true)",
  maxPropertyValueLength:
    "longest session property value updateSessionProperties stores; a longer one is refused with CREST's 400 (default 4096: the mock's bound, AM documents none)",
};
