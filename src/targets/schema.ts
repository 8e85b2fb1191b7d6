import { type Static, Type } from "@sinclair/typebox";
import { DURATION_PATTERN } from "../time/duration.ts";

const Duration = Type.String({ pattern: DURATION_PATTERN, description: "a duration such as 20s, 30m or 24h" });
const Deviation = Type.Object(
  {
    id: Type.String({ pattern: "^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$", description: "a behaviour id of this target's vendor, such as VM-04" }),
    reason: Type.String({ minLength: 1, description: "why the server deviates (a sentence a release manager can read)" }),
    ticket: Type.String({ minLength: 1, description: "the ticket that tracks the fix, such as ABC-123" }),
    until: Type.String({
      pattern: "^\\d{4}-\\d{2}-\\d{2}$",
      description: "the last day (UTC) the waiver holds, as YYYY-MM-DD",
    }),
  },
  { additionalProperties: false },
);

const CredentialSet = Type.Record(Type.String({ pattern: "^[A-Za-z][A-Za-z0-9_]*$" }), Type.String(), {
  description: "credential fields (username, password, apiKey…), each as ${env:NAME}",
});

export const TargetSchema = Type.Object(
  {
    name: Type.String({
      pattern: "^[a-z0-9][a-z0-9-]*$",
      description: "a target name (lower-case kebab-case): it becomes the Playwright project name",
    }),
    vendor: Type.String({ description: "a vendor id" }),
    baseUrl: Type.String({ pattern: "^https?://", description: "an http(s) URL" }),
    credentials: Type.Optional(CredentialSet),
    users: Type.Optional(Type.Record(Type.String({ pattern: "^[a-z][a-z0-9-]*$" }), CredentialSet)),
    tls: Type.Optional(
      Type.Object(
        {
          insecure: Type.Optional(Type.Boolean()),
          ca: Type.Optional(Type.String({ description: "a path to a PEM file, relative to the targets file" })),
          cert: Type.Optional(
            Type.String({ description: "the client certificate (mutual TLS): a path to a PEM file, relative to the targets file" }),
          ),
          key: Type.Optional(
            Type.String({ description: "the client certificate's private key: a path to a PEM file, relative to the targets file" }),
          ),
          pfx: Type.Optional(
            Type.String({ description: "the client certificate and key in one PKCS#12 file (.p12/.pfx), relative to the targets file" }),
          ),
          passphrase: Type.Optional(Type.String({ description: "the passphrase of tls.key or tls.pfx, as ${env:NAME}" })),
        },
        { additionalProperties: false },
      ),
    ),
    proxy: Type.Optional(
      Type.String({
        description:
          "the HTTP(S) proxy for this target (http://host:port, credentials as ${env:NAME}), or none to go straight; default: HTTPS_PROXY / HTTP_PROXY / NO_PROXY",
      }),
    ),
    session: Type.Optional(
      Type.Object(
        { idleTimeout: Type.Optional(Duration), lifetime: Type.Optional(Duration), expiryMargin: Type.Optional(Duration) },
        { additionalProperties: false },
      ),
    ),
    expiry: Type.Optional(Type.Union([Type.Literal("wait"), Type.Literal("skip")], { description: "wait or skip" })),
    maxWait: Type.Optional(Duration),
    timeout: Type.Optional(Duration),
    options: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    controlPlane: Type.Optional(
      Type.Boolean({ description: "the target is a sessionprobe mock whose /__sessionprobe control plane may be used" }),
    ),
    lockout: Type.Optional(
      Type.Object(
        {
          budget: Type.Optional(
            Type.Integer({ minimum: 0, description: "how many scenarios that send wrong credentials may run per run (default 3)" }),
          ),
          account: Type.Optional(
            Type.String({
              pattern: "^[a-z][a-z0-9-]*$",
              description:
                "a disposable real account (a name under users:) that wrong-password scenarios log in as; without one they are not asserted on this target",
            }),
          ),
        },
        { additionalProperties: false },
      ),
    ),
    deviations: Type.Optional(
      Type.Array(Deviation, {
        description: "known deviations of this server: failures of these behaviour ids are waived until the date, under the ticket",
      }),
    ),
    allow: Type.Optional(
      Type.Array(Type.String({ pattern: "^[a-z][a-z0-9-]*$" }), {
        description: "scenario tags refused against real targets unless allowed, e.g. session-flood",
      }),
    ),
  },
  { additionalProperties: false },
);

export const TargetsFileSchema = Type.Object({ targets: Type.Array(TargetSchema, { minItems: 1 }) }, { additionalProperties: false });

export type TargetEntry = Static<typeof TargetSchema>;
