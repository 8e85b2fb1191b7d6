import type { MockConfig } from "../../../vendor-api/mock.ts";
import { parseDuration } from "../../../time/duration.ts";

/**
 * The hmc mock's `--set` vocabulary. Most options pick one legal answer to a point the
 * wire notes leave open (`wire-notes-controlm-hmc.md` §2), so a variant can stand for
 * each answer; `operatorIdleTimeout` is a deployment setting (a per-user idle timeout).
 * Enumerated values are checked at start: a typo fails rather than picking a default.
 */
const CHOICES = {
  badSessionStatus: ["401", "403"],
  badSessionBody: ["http-error", "empty"],
  logoffStatus: ["204", "200"],
  badContentTypeStatus: ["400", "415"],
  badRequestBody: ["http-error", "empty"],
  logonFailureBody: ["http-error", "empty"],
  doctype: ["refused", "parsed"],
  logonResponseVersion: ["as-requested", "V1_1_0"],
  logonResponseMetadata: ["present", "absent"],
  logonResponsePrefix: ["none", "web"],
  consoleFeed: ["current", "2013"],
  cookieSet: ["2024", "2014"],
  responseHeaders: ["2024", "2014"],
  mcType: ["absent", "PVM"],
  logonCookies: ["ignored", "authorize"],
} as const satisfies Record<string, readonly string[]>;

type Choice = keyof typeof CHOICES;

export const hmcOptionDefaults: Record<Choice | "operatorIdleTimeout", string> = {
  badSessionStatus: "401",
  badSessionBody: "http-error",
  logoffStatus: "204",
  badContentTypeStatus: "400",
  badRequestBody: "http-error",
  logonFailureBody: "http-error",
  doctype: "refused",
  logonResponseVersion: "as-requested",
  logonResponseMetadata: "present",
  logonResponsePrefix: "none",
  consoleFeed: "current",
  cookieSet: "2024",
  responseHeaders: "2024",
  mcType: "absent",
  logonCookies: "ignored",
  operatorIdleTimeout: "5m",
};

export const hmcOptionHelp: Record<keyof typeof hmcOptionDefaults, string> = {
  badSessionStatus:
    "status for a missing or invalid X-API-Session: 401 (default; what pypowervm, the ruby SDK and hmci handle) or 403 with ReasonCode 4/5 (IBM's RequestHeaders page); HMC-06's code is OPEN",
  badSessionBody:
    "body of that refusal: http-error (an HttpErrorResponse entry, default) or empty; whether a 401 uses the envelope is UNVERIFIED",
  logoffStatus: "status of a successful DELETE /rest/api/web/Logon: 204 (default) or 200; HMC-07's code is OPEN",
  badContentTypeStatus:
    "status for a Logon with the wrong Content-Type: 400 (default; the RequestHeaders page) or 415 (what a JAX-RS server answers); HMC-08 is OPEN",
  badRequestBody:
    "body of a refused Logon (wrong Content-Type, malformed XML): http-error (default, Message 'Failed to unmarshal input payload…') or empty; UNVERIFIED",
  logonFailureBody:
    "body of the 401 for wrong credentials: http-error (default) or empty; UNVERIFIED (ansible's parse_error_response handles both)",
  doctype:
    "a LogonRequest with a DOCTYPE: refused (default, 400 like malformed XML) or parsed (its entities never match a credential, so an unknown user still gets 401); undocumented",
  logonResponseVersion:
    "schemaVersion of the LogonResponse: as-requested (default; V1_1_0 for a V1_1_0 LogonRequest as the IBM doc example, V1_0 otherwise as the 2024 capture) or V1_1_0 whatever was asked (pypowervm's recorded logon.xml answers its V1_0 request so)",
  logonResponseMetadata:
    "the LogonResponse's <Metadata><Atom/></Metadata>: present (default; both the capture and the doc example) or absent (no client reads it)",
  logonResponsePrefix:
    'how the LogonResponse binds the web namespace: none (default; xmlns="…" as both captures) or web (<web:LogonResponse xmlns:web="…">, the prefixed form the same console writes ManagementConsole and HttpErrorResponse in)',
  consoleFeed:
    "the ManagementConsole entry: current (default; as hmci's 1-hmc.xml records a V9R1 console: the entry's etag element, VersionInfo filled, object-model versions naming their schema) or 2013 (as pypowervm's managementconsole.txt records a V7R7.7 console: none of those, ManagedFrames and PowerEnterprisePools instead); the etag header is in both",
  cookieSet:
    "Logon cookies: 2024 (default; JSESSIONID Path=/rest, CCFWSESSION Path=/, as hmci captured) or 2014 (both Path=/, as pypowervm's test data)",
  responseHeaders:
    "extra response headers: 2024 (default; server, HSTS, CSP… as hmci captured) or 2014 (x-powered-by, expires, cache-control, as pypowervm's test data)",
  mcType: "X-MC-Type response header: absent (default; an HMC) or PVM (NovaLink)",
  logonCookies:
    "a request with no X-API-Session but the Logon's JSESSIONID cookie: ignored (default, refused like no session) or authorize (the servlet session stands for the X-API-Session's, and ends with it); UNVERIFIED",
  operatorIdleTimeout:
    "idle timeout of the seeded operator user (hmcoper), a duration or whole seconds; 0s means never (default 5m: the mock's own choice, the HMC documents no default). The default user's is the mock-wide --idle",
};

export type HmcOptions = { [K in Choice]: (typeof CHOICES)[K][number] } & { operatorIdleMs: number };

/** Whole seconds ("300") or a duration ("5m"): the forms a targets file declares a duration option in. */
function durationMs(text: string): number | undefined {
  if (/^\d+$/.test(text.trim())) return Number(text.trim()) * 1000;
  try {
    return parseDuration(text);
  } catch {
    return undefined;
  }
}

/** Checks the options at start and reads them once, typed. */
export function readHmcOptions(config: MockConfig): HmcOptions {
  const raw = { ...hmcOptionDefaults, ...config.options };
  for (const [name, allowed] of Object.entries(CHOICES) as [Choice, readonly string[]][]) {
    if (!allowed.includes(raw[name])) throw new Error(`hmc mock: option ${name}=${raw[name]} is not one of ${allowed.join(", ")}`);
  }
  const operatorIdleMs = durationMs(raw.operatorIdleTimeout);
  if (operatorIdleMs === undefined)
    throw new Error(
      `hmc mock: option operatorIdleTimeout=${raw.operatorIdleTimeout} is not a duration such as 5m or 90s, nor whole seconds`,
    );
  const choices = Object.fromEntries(Object.keys(CHOICES).map((name) => [name, raw[name as Choice]])) as {
    [K in Choice]: (typeof CHOICES)[K][number];
  };
  // 0 minutes means "no idle timeout" in the HMC's user properties.
  return { ...choices, operatorIdleMs: operatorIdleMs === 0 ? Number.POSITIVE_INFINITY : operatorIdleMs };
}
