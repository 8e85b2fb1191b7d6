import { type Static, type TSchema, Type } from "@sinclair/typebox";
import { DURATION_PATTERN } from "../time/duration.ts";
import { KEY_PATTERNS, STEP_VERBS, type StepVerb } from "./schema-names.ts";

export { KEY_PATTERNS, STEP_VERBS, type StepVerb } from "./schema-names.ts";

/**
 * The scenario language: the single source of truth. The published JSON Schema
 * (fixtures/schemas/scenario.schema.json, for editors) is generated from these
 * definitions (`npm run schema`), and the TypeScript types below come from them too.
 * `description` texts double as the "what was expected" of load errors.
 */

const KebabName = (what: string) =>
  Type.String({ pattern: "^[a-z][a-z0-9-]*$", description: `${what} (lower-case kebab-case, e.g. config-servers)` });
const SessionName = Type.String({
  // A repeat's index may be part of the name: s${i}.
  pattern: "^([A-Za-z][A-Za-z0-9_-]*|[A-Za-z0-9_-]*(\\$\\{[A-Za-z_][A-Za-z0-9_]*\\}[A-Za-z0-9_-]*)+)$",
  description: "a session name such as default, admin or user (inside a repeat, s${i})",
});
// Map keys (captures, observation labels) follow KEY_PATTERNS (src/scenario/schema-names.ts), which also says what a message tells.
const [CAPTURE_NAME, OBSERVE_LABEL] = Object.keys(KEY_PATTERNS) as [string, string];
const CaptureName = Type.String({ pattern: CAPTURE_NAME, description: "a capture name (letters, digits, _)" });
const HttpStatus = Type.Integer({ minimum: 100, maximum: 599, description: "an HTTP status from 100 to 599" });
const BehaviourId = Type.String({ pattern: "^[A-Z]+(-[A-Z]+)?-\\d\\d$", description: "a behaviour id from the catalogue, e.g. CTM-S-05" });
const Duration = Type.String({ pattern: DURATION_PATTERN, description: "a duration such as 500ms, 30s, 30m, 24h or 1h30m" });

/** How much time passes: a literal duration, or relative to the target's declared timeout. */
const OF_OPTION = "\\d+(\\.\\d+)?% of [A-Za-z][A-Za-z0-9_]*";

export const TimeExpr = Type.String({
  pattern: `^(past|before|\\d+(\\.\\d+)?%|${OF_OPTION}|${DURATION_PATTERN.slice(1, -1)})$`,
  description:
    "past (just after the timeout), before (just before it), a percentage of the timeout (95%), a share of a duration option (50% of latestAccessUpdateFrequency), or a duration (30m)",
});

/** A least-needed timeout: a duration, or a share of a duration option. */
const AtLeast = Type.String({
  pattern: `^(${OF_OPTION}|${DURATION_PATTERN.slice(1, -1)})$`,
  description: "a duration such as 3m, or a share of a duration option such as 250% of latestAccessUpdateFrequency",
});

/** Where a value is read from a response: status, text, headers.<name>, cookies.<name>[.<attr>], body[.<path>]. */
export const Selector = Type.String({
  pattern:
    "^(status|text|headers\\.[A-Za-z0-9-]+|cookies\\.[^.\\s]+(\\.(value|httpOnly|secure|path|domain|sameSite|expires|maxAge|cleared))?|body([.\\[].+)?)$",
  description: "a selector: status, text, headers.<name>, cookies.<name>[.attribute], or body.<path> (e.g. body.errors[0].message)",
});

const Scalar = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]);

export const MatcherObject = Type.Object(
  {
    equals: Type.Optional(Scalar),
    notEquals: Type.Optional(Scalar),
    matches: Type.Optional(Type.String({ description: "a regular expression (JavaScript syntax)" })),
    contains: Type.Optional(Type.String()),
    notContains: Type.Optional(Type.String()),
    exists: Type.Optional(Type.Boolean()),
    nonEmpty: Type.Optional(Type.Boolean()),
    type: Type.Optional(Type.Union(["string", "number", "boolean", "object", "array", "null"].map((t) => Type.Literal(t)))),
    oneOf: Type.Optional(Type.Array(Scalar, { minItems: 1 })),
    after: Type.Optional(Type.String({ description: "an ISO-8601 instant the value must be later than" })),
  },
  {
    additionalProperties: false,
    minProperties: 1,
    description: "a matcher object: equals, notEquals, matches, contains, notContains, exists, nonEmpty, type, oneOf or after",
  },
);

/** A plain scalar means "equals". */
export const Matcher = Type.Union([Scalar, MatcherObject], { description: "a value to equal, or a matcher object" });

export const CookieExpect = Type.Object(
  {
    set: Type.Optional(
      Type.Boolean({ description: "true: the response sets this cookie (and does not clear it); false: it does not set it" }),
    ),
    cleared: Type.Optional(
      Type.Boolean({ description: "true: the response tells the client to forget the cookie (past Expires or Max-Age=0)" }),
    ),
    value: Type.Optional(Matcher),
    httpOnly: Type.Optional(Type.Boolean()),
    secure: Type.Optional(Type.Boolean()),
    path: Type.Optional(Type.String()),
    domain: Type.Optional(Type.String()),
    sameSite: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const Expect = Type.Object(
  {
    status: Type.Optional(
      Type.Union([HttpStatus, Type.Array(HttpStatus, { minItems: 1 })], { description: "an HTTP status or a list of accepted ones" }),
    ),
    headers: Type.Optional(Type.Record(Type.String(), Matcher)),
    cookies: Type.Optional(Type.Record(Type.String(), CookieExpect)),
    body: Type.Optional(
      Type.Record(Type.String(), Matcher, {
        description: "body paths (JSON or XML, namespace prefixes ignored, @attr for attributes) mapped to matchers",
      }),
    ),
    text: Type.Optional(Matcher),
    schema: Type.Optional(
      Type.String({ pattern: "^[a-z0-9-]+/[a-z0-9-]+$", description: "a JSON Schema under fixtures/schemas, as <vendor>/<name>" }),
    ),
    session: Type.Optional(
      Type.Union([Type.Literal("valid"), Type.Literal("invalid")], {
        description: "valid or invalid: the step's session, probed right after the step",
      }),
    ),
    observe: Type.Optional(
      Type.Record(Type.String({ pattern: OBSERVE_LABEL }), Selector, {
        additionalProperties: false,
        description: "label → selector: recorded, never failed (for OPEN behaviours)",
      }),
    ),
  },
  { additionalProperties: false },
);

const Common = {
  title: Type.Optional(Type.String({ description: "a human title for the step in reports" })),
  as: Type.Optional(SessionName),
  with: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: "vendor-specific arguments for the step" })),
  expect: Type.Optional(Expect),
  capture: Type.Optional(
    Type.Record(CaptureName, Selector, { additionalProperties: false, description: "name → selector; use later as ${name}" }),
  ),
  timeout: Type.Optional(Duration),
  covers: Type.Optional(
    Type.Array(BehaviourId, {
      minItems: 1,
      uniqueItems: true,
      description:
        "the scenario's behaviour ids this step's assertions are about (default: all of the scenario's): a failure here is reported against these",
    }),
  ),
};

export const LoginArgs = Type.Object(
  {
    user: Type.Optional(KebabName("a user from the target's users (default: the target's credentials)")),
    username: Type.Optional(Type.String()),
    password: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const ExpireArgs = Type.Object(
  {
    idle: Type.Optional(TimeExpr),
    absolute: Type.Optional(TimeExpr),
    keepAlive: Type.Optional(
      Type.String({
        pattern: `^(\\d+(\\.\\d+)?%|${DURATION_PATTERN.slice(1, -1)})$`,
        description: "how often to use the session while absolute time passes: a duration or a percentage of the idle timeout",
      }),
    ),
    using: Type.Optional(KebabName("the call or action that keeps the session alive (default: the driver's probe)")),
    since: Type.Optional(
      Type.Literal("login", {
        description:
          "login: idle time counted from the session's login, not from now (past the idle timeout since login, whatever ran in between without resetting it)",
      }),
    ),
  },
  {
    additionalProperties: false,
    minProperties: 1,
    description: "idle: <time> (time passes with no activity) or absolute: <time> [keepAlive: <every>]",
  },
);

export const RequestArgs = Type.Object(
  {
    method: Type.Union(
      ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"].map((m) => Type.Literal(m)),
      { description: "an HTTP method in capitals" },
    ),
    path: Type.String({ pattern: "^/", description: "a path below the target's baseUrl, starting with /" }),
    query: Type.Optional(Type.Record(Type.String(), Type.String())),
    headers: Type.Optional(Type.Record(Type.String(), Type.String())),
    json: Type.Optional(Type.Unknown()),
    form: Type.Optional(Type.Record(Type.String(), Type.String())),
    body: Type.Optional(Type.String()),
    auth: Type.Optional(
      Type.Union([Type.Literal("none"), Type.Literal("session")], {
        description: "none (default) or session: carry the session's credential",
      }),
    ),
    followRedirects: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const NullableArgs = <T extends TSchema>(schema: T) => Type.Union([Type.Null(), schema]);

/** One entry per verb of STEP_VERBS (`satisfies` keeps the two lists the same). */
export const stepVerbs = {
  login: NullableArgs(LoginArgs),
  use: KebabName("a named call of the vendor driver"),
  expire: ExpireArgs,
  logout: NullableArgs(Type.Object({}, { additionalProperties: false })),
  action: KebabName("a vendor action"),
  request: RequestArgs,
} as const satisfies Record<StepVerb, TSchema>;

const stepOf = <K extends StepVerb>(verb: K) =>
  Type.Object({ [verb]: stepVerbs[verb], ...Common } as { [P in K]: (typeof stepVerbs)[K] } & typeof Common, {
    additionalProperties: false,
    required: [verb],
  });

export const stepSchemas = {
  login: stepOf("login"),
  use: stepOf("use"),
  expire: stepOf("expire"),
  logout: stepOf("logout"),
  action: stepOf("action"),
  request: stepOf("request"),
};

/** One step of the plain kinds: what a scenario's steps are once repeats are expanded. */
export const PlainStep = Type.Union(Object.values(stepSchemas), { description: `a step: exactly one of ${STEP_VERBS.join(", ")}` });

export const RepeatArgs = Type.Object(
  {
    times: Type.Union(
      [
        Type.Integer({ minimum: 1, maximum: 1000, description: "a whole number from 1 to 1000" }),
        Type.String({
          pattern: "^\\$\\{options\\.[A-Za-z][A-Za-z0-9_]*\\}( *[+-] *\\d+)?$",
          description: "a deployment option, optionally plus or minus a number: ${options.sessionCap} - 1",
        }),
      ],
      { description: "how many times: 1 to 1000, or a deployment option such as ${options.sessionCap} - 1 (resolved for each target)" },
    ),
    from: Type.Optional(
      Type.Integer({
        minimum: -1_000_000,
        maximum: 1_000_000,
        description: "the index's first value (default 1), a whole number from -1000000 to 1000000",
      }),
    ),
    index: Type.Optional(
      Type.String({ pattern: "^[A-Za-z_][A-Za-z0-9_]*$", description: "the index's name, used as ${name} in the steps (default i)" }),
    ),
  },
  { additionalProperties: false },
);

/** Its steps, `times` times over, with ${index} replaced by 1, 2, 3… (expanded when the file loads). */
export const RepeatStep = Type.Object(
  { repeat: RepeatArgs, steps: Type.Array(PlainStep, { minItems: 1 }), title: Type.Optional(Type.String()) },
  { additionalProperties: false, required: ["repeat", "steps"] },
);

export const Step = Type.Union([...Object.values(stepSchemas), RepeatStep], {
  description: `a step: exactly one of ${[...STEP_VERBS, "repeat"].join(", ")}`,
});

export const Scenario = Type.Object(
  {
    name: Type.String({ minLength: 1, description: "what the scenario shows, in a sentence" }),
    covers: Type.Array(BehaviourId, { minItems: 1, uniqueItems: true, description: "the behaviour ids this scenario asserts" }),
    tags: Type.Optional(Type.Array(KebabName("a tag"), { uniqueItems: true })),
    skip: Type.Optional(Type.String({ minLength: 1, description: "a reason: the scenario is reported as skipped" })),
    requires: Type.Optional(
      Type.Object(
        {
          idleTimeoutAtLeast: Type.Optional(AtLeast),
          lifetimeAtLeast: Type.Optional(AtLeast),
        },
        {
          additionalProperties: false,
          description: "what the target must declare for the scenario to make sense (else it is skipped, with the reason)",
        },
      ),
    ),
    bystanders: Type.Optional(
      Type.Array(
        Type.Union([Type.Literal("same-user"), Type.Literal("other-user")], {
          description: "same-user (a second session of the target's account) or other-user (a session of the vendor's second user)",
        }),
        {
          minItems: 1,
          uniqueItems: true,
          description:
            "sessions opened before the first step that must still be valid, through every credential carrier, after the last: what the behaviour must not touch",
        },
      ),
    ),
    steps: Type.Array(Step, { minItems: 1 }),
  },
  { additionalProperties: false },
);

export function suiteSchema(vendorIds: readonly string[]) {
  return Type.Object(
    {
      // A pattern, not an enum of today's ids: a team's own vendors (sessionprobe.json `vendors`) join at start-up,
      // after the validators were generated; the loader's meaning checks name the registered ids.
      vendor: Type.String({
        pattern: "^[a-z][a-z0-9-]*$",
        description: `a vendor id: a folder of src/vendors (${vendorIds.join(", ")}) or a team's own vendor`,
      }),
      service: KebabName("a service of the vendor"),
      scenarios: Type.Array(Scenario, { minItems: 1 }),
    },
    { additionalProperties: false, $id: "https://sessionprobe.dev/schemas/scenario.schema.json", title: "sessionprobe scenario file" },
  );
}

export type Matcher = Static<typeof Matcher>;
export type MatcherObject = Static<typeof MatcherObject>;
export type CookieExpect = Static<typeof CookieExpect>;
export type Expect = Static<typeof Expect>;
export type LoginArgs = Static<typeof LoginArgs>;
export type ExpireArgs = Static<typeof ExpireArgs>;
export type RequestArgs = Static<typeof RequestArgs>;
export type Step = Static<typeof Step>;
export type PlainStep = Static<typeof PlainStep>;
export type RepeatStep = Static<typeof RepeatStep>;
export type RepeatArgs = Static<typeof RepeatArgs>;
export type Scenario = Static<typeof Scenario>;
export interface Suite {
  vendor: string;
  service: string;
  scenarios: Scenario[];
}
