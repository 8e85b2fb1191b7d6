import type { MockVariant } from "../core/types.ts";

const NOTES = "wire-notes-controlm-hmc.md";

/**
 * One legal Control-M per answer the wire notes leave open (§1: UNVERIFIED points and
 * the OPEN ids CTM-S-06, CTM-S-10, CTM-A-13). Every suite must pass on each.
 */
export const controlmVariants: readonly MockVariant[] = [
  {
    name: "token-value-masked",
    description: "GET, list and update show tokenValue masked as ******** (the default)",
    evidence: `${NOTES} §1.4: "Whether tokenValue is returned on GET/list, or only on create, is [UNVERIFIED]. Mask or omit it in mocks for GET unless staging shows otherwise."`,
    options: { tokenValueOnRead: "masked" },
  },
  {
    name: "token-value-omitted",
    description: "GET, list and update leave tokenValue out",
    evidence: `${NOTES} §1.4: "Whether tokenValue is returned on GET/list, or only on create, is [UNVERIFIED]. Mask or omit it in mocks for GET"`,
    options: { tokenValueOnRead: "omitted" },
  },
  {
    name: "token-value-shown",
    description: "GET, list and update return the real tokenValue",
    evidence: `${NOTES} §1.4: "Whether tokenValue is returned on GET/list, or only on create, is [UNVERIFIED]"; spec 9.20.250 marks tokenValue required in TokenDataResponse`,
    options: { tokenValueOnRead: "value" },
  },
];
