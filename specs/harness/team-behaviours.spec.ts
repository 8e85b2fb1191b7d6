import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { TEAM_BEHAVIOURS_ENV } from "../../src/catalogue/team-behaviours.ts";
import { publishedBehavioursSchema } from "../../src/catalogue/team-behaviours-schema.ts";
import { buildHeadline } from "../../src/report/headline.ts";
import { junitSchemaErrors } from "../../src/report/junit-schema.ts";
import { type ScenarioRecord, summarize } from "../../src/report/summary-model.ts";
import { ROOT, runCli } from "./support/processes.ts";

/**
 * A team's own behaviours (issue 26, item 4): declared in a file sessionprobe.json names,
 * covered by the team's scenarios, and reported apart from the vendor catalogue's ids in
 * summary.json, JUnit, Allure and the gate, with validate's located errors for a bad file.
 */
const BEHAVIOURS = `# yaml-language-server: $schema=./node_modules/sessionprobe/dist/fixtures/schemas/behaviours.schema.json
prefix: ACME
behaviours:
  - id: ACME-VM-01
    vendor: vmanage
    service: session
    sureness: DOC
    text: a query POST without the XSRF token is refused
    source: https://tickets.example.com/NET-1234
  - id: ACME-VM-02
    vendor: vmanage
    service: session
    sureness: WIRE
    text: a query POST without the XSRF token is answered 401, as the team's proxy expects
    source: NET-1299
`;

// The second scenario asserts what the mock does not answer (it refuses with 403): a team check that fails.
const SUITE = `vendor: vmanage
service: session
scenarios:
  - name: team refuses a query POST without the XSRF token
    covers: [ACME-VM-01]
    steps:
      - login: {}
        capture: { jsid: cookies.JSESSIONID }
      - request:
          method: POST
          path: /dataservice/\${options.xsrfCheckedQuery}
          headers: { Cookie: "JSESSIONID=\${jsid}" }
          json: { query: { condition: AND, rules: [] } }
        expect: { status: 403 }
  - name: team expects 401 for a query POST without the XSRF token
    covers: [ACME-VM-02]
    steps:
      - login: {}
        capture: { jsid: cookies.JSESSIONID }
      - request:
          method: POST
          path: /dataservice/\${options.xsrfCheckedQuery}
          headers: { Cookie: "JSESSIONID=\${jsid}" }
          json: { query: { condition: AND, rules: [] } }
        expect: { status: 401 }
`;

function teamRepository(files: Record<string, string>): string {
  const team = mkdtempSync(join(tmpdir(), "sp-team-behaviours-"));
  mkdirSync(join(team, "conformance"));
  writeFileSync(join(team, "sessionprobe.json"), '{ "suites": ["conformance"], "behaviours": "behaviours.yaml", "reports": "out" }\n');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(team, name), text);
  // As npm installs the package: its dependencies beside it (Allure's runtime is found from the working directory).
  symlinkSync(join(ROOT, "node_modules"), join(team, "node_modules"));
  return team;
}

interface Summary {
  verdict: { exitCode: number };
  headline: { title: string; failedIds: string[]; failedTeamIds: string[]; facts: [string, string][] };
  services: {
    target: string;
    service: string;
    ids: { passed: string[]; failed: string[] };
    teamIds: { passed: string[]; failed: string[] };
  }[];
  teamBehaviours: { id: string; sureness: string; source: string; origin: string }[];
}

interface AllureResult {
  name: string;
  status: string;
  labels: { name: string; value: string }[];
}

test("a team behaviour id shows in the summary, JUnit, Allure, the statement and the gate, apart from the vendor's", async () => {
  test.setTimeout(180_000);
  const team = teamRepository({ "behaviours.yaml": BEHAVIOURS, "conformance/xsrf.yaml": SUITE });
  const run = await runCli(["conformance", "--reporter", "line", "--grep", "ACME-VM"], {}, team);
  expect(run.code, run.output).toBe(1);
  expect(run.output).toMatch(/team behaviours: 2 ids — 1 passed, 1 failed, 0 skipped\n\s+failed: ACME-VM-02/);

  const out = join(team, "out");
  const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8")) as Summary;
  const vmanage = summary.services.find((s) => s.service === "vmanage/session");
  expect(vmanage?.teamIds).toMatchObject({ passed: ["ACME-VM-01"], failed: ["ACME-VM-02"] });
  // The vendor's group holds no team id: the team's check no longer stands among the vendor's ids.
  expect(vmanage?.ids).toMatchObject({ passed: [], failed: [] });
  expect(summary.headline.failedIds).toEqual([]);
  expect(summary.headline.failedTeamIds).toEqual(["vmanage: ACME-VM-02"]);
  expect(summary.headline.title).toBe("sessionprobe: NON-CONFORMANCE — team behaviours vmanage: ACME-VM-02 broken");
  expect(summary.headline.facts).toContainEqual(["team failed ids", "vmanage: ACME-VM-02 (DOC/WIRE)"]);
  expect(summary.teamBehaviours.map((b) => [b.id, b.sureness, b.source, b.origin])).toEqual([
    ["ACME-VM-01", "DOC", "https://tickets.example.com/NET-1234", "team"],
    ["ACME-VM-02", "WIRE", "NET-1299", "team"],
  ]);

  const junit = readFileSync(join(out, "junit.xml"), "utf8");
  const teamSuite = junit.match(
    /<testsuite name="vmanage vmanage\.session \(team behaviours\)" tests="2" failures="1"[^>]*>([\s\S]*?)<\/testsuite>/,
  );
  expect(teamSuite, junit).not.toBeNull();
  expect(teamSuite?.[1]).toContain(
    '<property name="team-behaviour" value="ACME-VM-02 (WIRE): a query POST without the XSRF token is answered 401, as the team&apos;s proxy expects — source: NET-1299"/>',
  );
  expect(teamSuite?.[1]).toMatch(/<testcase name="ACME-VM-02 team expects 401[^"]*"[^>]*><failure /);
  // The properties stand where the JUnit XSD admits them, so a CI dashboard still reads the file.
  expect(await junitSchemaErrors(junit)).toEqual([]);

  const results = readdirSync(join(out, "allure-results"))
    .filter((f) => f.endsWith("-result.json"))
    .map((f) => JSON.parse(readFileSync(join(out, "allure-results", f), "utf8")) as AllureResult);
  const failed = results.find((r) => r.name.startsWith("ACME-VM-02"));
  expect(failed?.status).toBe("failed");
  expect(failed?.labels).toEqual(
    expect.arrayContaining([
      { name: "team-behaviour", value: "ACME-VM-02" },
      { name: "team-sureness", value: "ACME-VM-02: WIRE" },
      { name: "tag", value: "team-behaviour" },
    ]),
  );
  // No vendor sureness label: the vendor rule of the gate and the vendor's defect category leave it to the team's.
  expect(failed?.labels.filter((l) => l.name === "sureness")).toEqual([]);

  // The gate, as `conformance` evaluates it inside the Allure report: the team's rule fails, the vendor's holds.
  const gate = JSON.parse(readFileSync(join(out, "allure-report", "quality-gate.json"), "utf8")) as { rule: string; success: boolean }[];
  expect(gate.map((r) => [r.rule, r.success])).toEqual([
    ["no-documented-behaviour-broken/maxFailures", true],
    ["no-team-behaviour-broken/maxFailures", false],
  ]);
  expect(run.output.slice(run.output.indexOf("Allure report:"))).toContain("no-team-behaviour-broken");

  // Allure's category: the first one whose matcher takes the result, as Allure picks it.
  const { default: allureConfig } = (await import(join(ROOT, "allurerc.mjs"))) as {
    default: { categories: { name: string; matchers: unknown }[] };
  };
  const categoryOf = (result: AllureResult) =>
    allureConfig.categories.find((c) => typeof c.matchers === "function" && c.matchers({ ...result, labels: result.labels }))?.name;
  expect(categoryOf(failed as AllureResult)).toBe("Team behaviours broken (the team's own checks)");

  const statement = readFileSync(join(out, "statement.md"), "utf8");
  expect(statement).toMatch(/## Team behaviours[\s\S]*\| ACME-VM-02 \| WIRE \| FAILED \| 1 \|/);
  expect(statement).toMatch(/\| ACME-VM-01 \| DOC \| passed \| 1 \|/);
});

test("validate says where a team behaviours file is wrong, and where a scenario covers an id nobody declared", async () => {
  test.setTimeout(120_000);
  const team = teamRepository({
    "behaviours.yaml": [
      "prefix: VM",
      "behaviours:",
      "  - id: VM-04",
      "    vendor: vmanage",
      "    service: session",
      "    sureness: DOCS",
      "    text: a query POST without the XSRF token is refused",
      "    ticket: NET-1234",
      "",
    ].join("\n"),
    "conformance/xsrf.yaml": SUITE,
  });
  const bad = await runCli(["validate", "conformance/xsrf.yaml"], {}, team);
  expect(bad.code, bad.output).toBe(2);
  expect(bad.output).toContain('behaviours.yaml:3:5: missing required key "source"');
  expect(bad.output).toContain('behaviours.yaml:8:5: unknown key "ticket"; expected: id, vendor, service, sureness, text, source');
  expect(bad.output).toMatch(/behaviours\.yaml:6:15: expected how sure the team is: DOC, WIRE, OPEN, .*, got "DOCS"/);

  writeFileSync(join(team, "behaviours.yaml"), BEHAVIOURS.replace("prefix: ACME", "prefix: VM"));
  const vendorPrefix = await runCli(["validate", "conformance/xsrf.yaml"], {}, team);
  expect(vendorPrefix.output).toContain(
    "behaviours.yaml:2:9: prefix VM is the vendor catalogue's (CTM, HMC, VM, AM): choose the team's own",
  );
  expect(vendorPrefix.output).toContain('behaviours.yaml:4:9: id ACME-VM-01 does not start with the file\'s prefix "VM-"');

  writeFileSync(join(team, "behaviours.yaml"), BEHAVIOURS);
  writeFileSync(join(team, "conformance", "xsrf.yaml"), SUITE.replace("covers: [ACME-VM-02]", "covers: [ACME-VM-03]"));
  const unknown = await runCli(["validate", "conformance/xsrf.yaml"], {}, team);
  expect(unknown.code).toBe(2);
  expect(unknown.output).toContain(
    `conformance/xsrf.yaml:16:14: unknown behaviour id "ACME-VM-03": not in the catalogue (src/catalogue/behaviours.ts) nor in the team's behaviours file behaviours.yaml`,
  );
  expect(unknown.output).toContain("1 problem in 1 file");

  writeFileSync(join(team, "conformance", "xsrf.yaml"), SUITE);
  const good = await runCli(["validate", "conformance/xsrf.yaml"], {}, team);
  expect(good.code, good.output).toBe(0);
});

test("fixtures/schemas/behaviours.schema.json is the schema the loader validates with (npm run schema writes it)", () => {
  expect(readFileSync(join(ROOT, "fixtures", "schemas", "behaviours.schema.json"), "utf8")).toBe(publishedBehavioursSchema());
});

test("a team's OPEN behaviour is observed, never gates: only its DOC and WIRE ids are the headline's failed team ids", () => {
  const dir = mkdtempSync(join(tmpdir(), "sp-team-open-"));
  const file = join(dir, "behaviours.yaml");
  writeFileSync(
    file,
    `${BEHAVIOURS}  - { id: ACME-VM-03, vendor: vmanage, service: session, sureness: OPEN, text: the refusal's body, source: NET-1300 }\n`,
  );
  const saved = process.env[TEAM_BEHAVIOURS_ENV];
  process.env[TEAM_BEHAVIOURS_ENV] = file;
  try {
    const record = (covers: string[], status: ScenarioRecord["status"], observations: string[] = []): ScenarioRecord => ({
      target: "staging",
      service: "vmanage/session",
      covers,
      title: covers.join(" "),
      status,
      attempts: 1,
      observations,
      closedInTeardown: 0,
      warnings: [],
      ...(status === "failed" ? { failureKind: "expectation" as const, failedIds: covers } : {}),
    });
    const services = summarize([
      record(["VM-04"], "passed"),
      record(["ACME-VM-01"], "failed"),
      record(["ACME-VM-03"], "failed", ["the refusal's body: text"]),
    ]);
    expect(services[0]?.ids).toMatchObject({ passed: ["VM-04"], failed: [] });
    expect(services[0]?.teamIds).toMatchObject({ failed: ["ACME-VM-01", "ACME-VM-03"], observed: ["ACME-VM-03"] });
    const headline = buildHeadline({
      verdict: { exitCode: 1, meaning: "non-conformance" },
      services,
      deviations: [],
      targets: [{ name: "staging", tlsVerified: true }],
      sessions: [{ target: "staging", leftOpen: 0 }],
    });
    expect(headline.failedIds).toEqual([]);
    expect(headline.failedTeamIds).toEqual(["staging: ACME-VM-01"]);
  } finally {
    if (saved === undefined) delete process.env[TEAM_BEHAVIOURS_ENV];
    else process.env[TEAM_BEHAVIOURS_ENV] = saved;
  }
});
