import { type EvidenceProfile, bound, jsonField, pair } from "../../vendor-api/evidence.ts";

/** How the fidelity checks read this vendor's recorded traffic (src/vendors/<vendor>/recordings/) and replay it. */
export const evidenceProfile: EvidenceProfile = {
  placeholder: "token",
  carrierHeaders: ["authorization", "x-api-key"],
  carrierCookies: [],
  tokenBodyKeys: [],
  keyHeaders: [],
  notableHeaders: [],
  credentials: (r) => pair(jsonField(r.text, "username"), jsonField(r.text, "password")),
  bind: (res) => bound({ token: jsonField(res.text, "token") }),
  login: {
    method: "POST",
    path: "/session/login",
    headers: { "content-type": "application/json" },
    body: { username: "{{username}}", password: "{{password}}" },
  },
  logout: { method: "POST", path: "/session/logout", headers: { authorization: "Bearer {{token}}" } },
};
