import type { DeploymentOption } from "../../../vendor-api/driver.ts";

/**
 * What an AM deployment configures, declared per target under `options:` by the mock's
 * `--set` names. Defaults are the documented values; where the vendor documents none,
 * the description says whose default it is.
 */
export const amDeploymentOptions: Record<string, DeploymentOption> = {
  cookieName: {
    description:
      "the SSO cookie's name, also the header the token travels in (serverinfo's cookieName; Ping AIC uses a tenant-specific one)",
    default: "iPlanetDirectoryPro",
  },
  contextPath: {
    description:
      "where AM is deployed below the server: /am (AM's default, as captured from AM 8.0.1), /openam, or empty for the root. Added to baseUrl unless baseUrl already ends with it",
    default: "/am",
  },
  resourceVersion: {
    description:
      "the newest sessions resource version the server has: 4.0 (AM 7/7.1), 5.0 (7.2), 5.1 (7.4–8.1). The driver asks for 4.0, which all of them accept",
    default: "4.0",
    values: ["4.0", "5.0", "5.1"],
  },
  latestAccessUpdateFrequency: {
    description:
      "Latest Access Time Update Frequency: refresh resets idle time only after this long since the last access (documented default 60 s)",
    default: "60",
    duration: true,
  },
  sessionPropertyAllowList: {
    description:
      "the realm's allow-listed session property names, comma-separated. AM documents no default; this one is the built-in mock's (AMCtxId,department). Declare your realm's: AM-05 sets the first one that is not protected, and is skipped when there is none",
    default: "AMCtxId,department",
  },
};

/** Properties AM keeps for itself even when allow-listed: REST may not set them (wire notes §2.3–2.4, amster reference). */
const PROTECTED_PROPERTIES: ReadonlySet<string> = new Set(["AMCtxId", "SessionHandle", "sessionUid", "UserId", "Principal"]);

/** `${options.settableSessionProperty}`: an allow-listed property a scenario may set; undefined when the list has none. */
export function amDeploymentFacts(options: Readonly<Record<string, string>>): Record<string, string | undefined> {
  const names = (options.sessionPropertyAllowList ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return { settableSessionProperty: names.find((name) => !PROTECTED_PROPERTIES.has(name)) };
}

/** A declared option, else its default (a TargetView built by hand may carry none). */
export function optionOf(options: Record<string, unknown>, name: string): string {
  const value = options[name];
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  return amDeploymentOptions[name]?.default ?? "";
}
