import { type Static, Type } from "@sinclair/typebox";

/** Ids a team writes: its prefix, then upper-case parts, such as ACME-VM-01. */
export const TEAM_ID_PATTERN = "^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$";
export const TEAM_PREFIX_PATTERN = "^[A-Z][A-Z0-9]{1,11}$";

/** The catalogue's words for how sure a behaviour is: DOC and WIRE are asserted, an OPEN part is observed and never fails a run. */
export const TEAM_SURENESS = ["DOC", "WIRE", "OPEN", "DOC + WIRE", "DOC / OPEN", "WIRE / OPEN"] as const;

const TeamBehaviourEntry = Type.Object(
  {
    id: Type.String({
      pattern: TEAM_ID_PATTERN,
      description: "the behaviour's id: the file's prefix, a dash, then its own parts (ACME-VM-01)",
    }),
    vendor: Type.String({ minLength: 1, description: "the vendor id the behaviour is about (controlm, hmc, vmanage, openam)" }),
    service: Type.String({ minLength: 1, description: "the vendor's service, as the suites name it (session, logon, sessions…)" }),
    // An enum, not a union of literals: ajv then says "one of …" once instead of once per word.
    sureness: Type.Unsafe<(typeof TEAM_SURENESS)[number]>({
      type: "string",
      enum: [...TEAM_SURENESS],
      description: `how sure the team is: ${TEAM_SURENESS.join(", ")} (DOC/WIRE are asserted; an OPEN part is observed)`,
    }),
    text: Type.String({ minLength: 1, description: "the behaviour in one sentence, as a release manager reads it" }),
    source: Type.String({ minLength: 1, description: "where it comes from: the document, ticket or URL that says so" }),
  },
  { additionalProperties: false },
);

export const TeamBehavioursFileSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    prefix: Type.String({
      pattern: TEAM_PREFIX_PATTERN,
      description:
        "the team's id prefix, upper case (ACME): every id in the file starts with it and a dash; never a vendor catalogue's (CTM, HMC, VM, AM)",
    }),
    behaviours: Type.Array(TeamBehaviourEntry, {
      minItems: 1,
      description: "the team's behaviours: id, vendor, service, sureness, text, source",
    }),
  },
  {
    additionalProperties: false,
    $id: "https://sessionprobe.dev/schemas/behaviours.schema.json",
    title: "sessionprobe team behaviours",
    description: 'A team\'s own behaviours, beside the vendor catalogue: the file sessionprobe.json names under "behaviours".',
  },
);

export type TeamBehavioursFile = Static<typeof TeamBehavioursFileSchema>;

/** The JSON Schema editors read (fixtures/schemas/behaviours.schema.json); `npm run schema` writes it, a test keeps it current. */
export function publishedBehavioursSchema(): string {
  return `${JSON.stringify({ $schema: "http://json-schema.org/draft-07/schema#", ...TeamBehavioursFileSchema }, null, 2)}\n`;
}
