import { type EvidenceProfile, bound, cookieValue, header, jsonField, pair } from "../../vendor-api/evidence.ts";

/** How the fidelity checks read this vendor's recorded traffic (src/vendors/<vendor>/recordings/) and replay it. */
export const evidenceProfile: EvidenceProfile = {
  placeholder: "token",
  carrierHeaders: ["iplanetdirectorypro"],
  carrierCookies: ["iPlanetDirectoryPro"],
  tokenBodyKeys: ["tokenId"],
  keyHeaders: ["accept-api-version"],
  notableHeaders: ["content-api-version"],
  credentials: (r) => pair(header(r.headers, "x-openam-username"), header(r.headers, "x-openam-password")),
  bind: (res) => bound({ token: jsonField(res.text, "tokenId") ?? cookieValue(res, "iPlanetDirectoryPro") }),
  basePath: (options) => (options.contextPath ?? "/am").replace(/\/+$/, ""),
  logout: {
    method: "POST",
    path: "/json/realms/root/sessions/?_action=logout",
    headers: { "content-type": "application/json", "accept-api-version": "resource=4.0", iplanetdirectorypro: "{{token}}" },
    body: { tokenId: "{{token}}" },
  },
  login: {
    method: "POST",
    path: "/json/realms/root/authenticate",
    headers: {
      "content-type": "application/json",
      "accept-api-version": "resource=2.0, protocol=1.0",
      "x-openam-username": "{{username}}",
      "x-openam-password": "{{password}}",
    },
    body: {},
  },
};
