/**
 * Where the project's catalogue (behaviours.ts) departs from the shared vendor catalogue
 * (BEHAVIOURS.md, which this project cannot edit): each departure names what the shared
 * row says, what the project says instead, and the recorded traffic that forced it —
 * recordings outrank documents and reimplementations (docs/fidelity.md). The catalogue
 * spec (specs/harness/catalogue.spec.ts) fails on any difference from BEHAVIOURS.md that
 * is not listed here, on a correction whose `shared` side no longer matches BEHAVIOURS.md
 * (the shared row changed: revisit the correction), and on evidence the corpus lacks.
 */
export interface CatalogueCorrection {
  id: string;
  /** The shared catalogue's row, word for word. */
  shared: { text: string; sureness: string };
  /** The project's row, as behaviours.ts carries it. */
  corrected: { text: string; sureness: string };
  /** Why, in a sentence. */
  reason: string;
  /** Recorded exchanges that show it: a corpus file (evidence/recordings/<vendor>/), the request, and the status recorded. */
  evidence: readonly { file: string; request: string; status: number }[];
}

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
