import { type EvidenceProfile, bound, cookieValue, formField, jsonField, pair } from "../../vendor-api/evidence.ts";

/** How the fidelity checks read this vendor's recorded traffic (src/vendors/<vendor>/recordings/) and replay it. */
export const evidenceProfile: EvidenceProfile = {
  placeholder: "jsessionid",
  carrierHeaders: ["x-xsrf-token"],
  carrierCookies: ["JSESSIONID"],
  tokenBodyKeys: [],
  keyHeaders: [],
  notableHeaders: ["location"],
  credentials: (r) => pair(formField(r.text, "j_username"), formField(r.text, "j_password")),
  bind: (res, path) =>
    bound({
      jsessionid: cookieValue(res, "JSESSIONID"),
      xsrf: path?.includes("/client/token") && res.status === 200 ? (jsonField(res.text, "token") ?? res.text.trim()) : undefined,
    }),
  login: {
    method: "POST",
    path: "/j_security_check",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    text: "j_username={{username}}&j_password={{password}}",
  },
  logout: { method: "POST", path: "/logout?nocache=1", headers: { cookie: "JSESSIONID={{jsessionid}}" } },
};
