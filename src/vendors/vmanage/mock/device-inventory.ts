/** The fabric the mock reports: one of each controller type and one edge. */
export function devices(version: string) {
  const row = (ip: string, name: string, type: string, model: string, site: string, uuid: string, rowVersion = version) => ({
    deviceId: ip,
    "system-ip": ip,
    "host-name": name,
    "device-type": type,
    reachability: "reachable",
    status: "normal",
    "site-id": site,
    version: rowVersion,
    uuid,
    "device-model": model,
    personality: type,
  });
  return [
    row("10.10.1.1", "vmanage-1", "vmanage", "vmanage", "100", "2b7d1c3e-5a0f-4c61-9b2a-0f5e8c1d7a11"),
    row("10.10.1.3", "vsmart-1", "vsmart", "vsmart", "100", "6c0e2a9b-7d41-4f3a-8e15-3a9d2b4c5e22"),
    row("10.10.1.2", "vbond-1", "vbond", "vedge-cloud", "100", "9f1a3b5c-2e6d-4a78-b0c9-4d2e6f8a1b33"),
    row("10.10.2.11", "edge-site-200", "vedge", "vedge-C8000V", "200", "C8K-1F2E3D4C-5B6A-7980-A1B2-C3D4E5F60044", "17.12.01a.0.118"),
  ];
}

// Stryker disable all: facts about the modelled deployment (its host name, tenancy and view modes, feature flags, locale); a real
// server reports its own, and no client's session handling reads them. The user, roles, version and CSRFToken below are graded.
const DEPLOYMENT = {
  server: "vmanage-1",
  tenancyMode: "SingleTenant",
  userMode: "tenant",
  viewMode: "tenant",
  isSamlUser: false,
  isRbacVpnUser: false,
  vpns: [],
  tenantId: "default",
  locale: "en",
  externalUser: false,
  generalTemplate: true,
  disableFullConfigPush: false,
  enableServerEvents: false,
  cloudx: "false",
  reverseproxy: "false",
  vmanageMode: "SingleTenant",
  capabilities: [],
};
// Stryker restore all

/**
 * `GET /dataservice/client/server` data: the fields catalystwan's ServerInfo model reads.
 * CSRFToken only where the release has XSRF tokens (19.2 and later).
 */
export function serverInfo(s: { platformVersion: string; user: string; group: string | undefined; csrfToken: string | undefined }) {
  const { platformVersion, user, group, csrfToken } = s;
  return {
    ...DEPLOYMENT,
    // Before 19.2 undefined: JSON leaves it out.
    CSRFToken: csrfToken,
    user,
    // Stryker disable next-line StringLiteral: the description is free text.
    description: `${user} (mock)`,
    roles: [group],
    platformVersion,
  };
}
