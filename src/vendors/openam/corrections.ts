import type { CatalogueCorrection } from "../../vendor-api/behaviour.ts";

const GET_SESSION_INFO = "POST /json/realms/root/sessions/?_action=getSessionInfo";

export const corrections: readonly CatalogueCorrection[] = [
  {
    id: "AM-12",
    shared: {
      text: 'every action but `validate` needs a caller session (401 `{code:401, reason:"Unauthorized"}` without one); another user\'s session needs an admin (403)',
      sureness: "WIRE",
    },
    corrected: {
      text: "every action but `validate` needs a caller session (401 `{code:401, reason:\"Unauthorized\"}` without one) — except `getSessionInfo` of the live token the body names, which AM 7.x/8.x and Identity Cloud answer 200 with that session's info (the OpenAM fork: 401); another user's session needs an admin (403)",
      sureness: "WIRE + RECORDED",
    },
    reason:
      "The shared row comes from the OpenAM fork's route table; every recorded current AM answers getSessionInfo with the session's own tokenId and no caller cookie or header with 200 (frodo-lib's getTokens relies on it). Releases differ: the mock's openam-fork-caller-rule variant keeps the fork's 401.",
    evidence: [
      { file: "frodo-cli-classic-7.5.0.json", request: GET_SESSION_INFO, status: 200 },
      { file: "frodo-cli-platform-8.0.1.json", request: GET_SESSION_INFO, status: 200 },
      { file: "frodo-lib-classic-8.0.1.json", request: GET_SESSION_INFO, status: 200 },
      { file: "frodo-cli-cloud-9.0.0.json", request: GET_SESSION_INFO, status: 200 },
    ],
  },
];
