// Import boundaries of sessionprobe (issue 18). `npm run lint` checks them with
// scripts/check-boundaries.mjs; docs/architecture.md states the same rules in prose.
// Each rule's `comment` is the error a developer sees: it says why, and what to do instead.

// Test code has two names: *.test.ts beside the code it tests, and the shared support in test-support/.
// Test code may import anything (a test drives a mock through a driver); production code may import none of it.
const TEST_CODE = ["\\.test\\.ts$", "(^|/)test-support/"];
const TEST_SUPPORT = [...TEST_CODE, "^specs/", "^fixtures/"];
const PLAYWRIGHT = "(^|/)node_modules/(@playwright/|playwright|allure-)";

/** @type {import("dependency-cruiser").IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "driver-imports-outside-its-room",
      severity: "error",
      comment:
        "A vendor driver may import only src/http, src/redact, src/time, src/text, src/catalogue, src/drivers/types.ts " +
        "and its own folder. It speaks the wire; the engine calls it through the VendorDriver interface. " +
        "Move what both need into one of those folders (or into the driver) instead of reaching into the engine, mocks or scenario loader.",
      from: { path: "^src/drivers/([^/]+)/", pathNot: TEST_CODE },
      to: { path: "^src/", pathNot: ["^src/(http|redact|time|text|catalogue)/", "^src/drivers/types\\.ts$", "^src/drivers/$1/"] },
    },
    {
      name: "mock-imports-outside-its-room",
      severity: "error",
      comment:
        "A vendor mock may import only src/time, src/text, src/http/xml.ts, src/mocks/core and its own folder. " +
        "It is an independent model of the vendor: a mock that borrows driver or engine code would agree with the harness by construction and prove nothing.",
      from: { path: "^src/mocks/([^/]+)/", pathNot: [...TEST_CODE, "^src/mocks/core/"] },
      to: { path: "^src/", pathNot: ["^src/(time|text)/", "^src/http/xml\\.ts$", "^src/mocks/core/", "^src/mocks/$1/"] },
    },
    {
      name: "mock-core-imports-outside-its-room",
      severity: "error",
      comment: "src/mocks/core is shared by every vendor mock: it may import only src/time, src/text, src/http/xml.ts and itself.",
      from: { path: "^src/mocks/core/", pathNot: TEST_CODE },
      to: { path: "^src/", pathNot: ["^src/(time|text)/", "^src/http/xml\\.ts$", "^src/mocks/core/"] },
    },
    {
      name: "explore-model-imports-a-mock",
      severity: "error",
      comment:
        "A reference model for exploration (src/explore/models/) is written from the vendor documents and wire notes: it may not import src/mocks. " +
        "A model that borrows the mock's code agrees with the mock by construction and can find nothing. Restate the documented rule in the model.",
      from: { path: "^src/explore/models/", pathNot: TEST_CODE },
      to: { path: "^src/mocks/" },
    },
    {
      name: "engine-imports-runner-cli-mocks-or-reporters",
      severity: "error",
      comment:
        "The engine runs a scenario against any driver, in or out of Playwright: it never imports @playwright/test (or Allure), " +
        "the CLI, the mocks or the reporters (src/report, src/observe, src/baseline, src/in-process, src/matrices, src/evidence). Pass what it needs in through its parameters.",
      from: { path: "^src/engine/", pathNot: TEST_CODE },
      to: { path: ["^src/(cli|mocks|report|observe|baseline|in-process|matrices|evidence)/", PLAYWRIGHT] },
    },
    {
      name: "drivers-and-mocks-import-playwright",
      severity: "error",
      comment: "Drivers and mocks run outside Playwright too (sessionprobe mock, the bench, in-process runs): they never import @playwright/test or Allure.",
      from: { path: "^src/(drivers|mocks)/", pathNot: TEST_CODE },
      to: { path: PLAYWRIGHT },
    },
    {
      name: "production-code-imports-test-support",
      severity: "error",
      comment:
        "Nothing under src/ that ships may import test code: *.test.ts, test-support/, specs/ or the Playwright fixtures in fixtures/. " +
        "If production needs it, it is not test support: give it a proper home in src/.",
      from: { path: "^src/", pathNot: TEST_CODE },
      to: { path: TEST_SUPPORT },
    },
    {
      name: "folder-cycle",
      severity: "error",
      comment:
        "Folders must depend on each other in one direction (docs/architecture.md shows the layers). " +
        "A cycle between folders means one of them holds code that belongs to the other, or to a folder below both: move that code, do not add an import.",
      scope: "folder",
      from: { path: "^src/" },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    // Tests are outside the layer rules, and a test's imports must not make a production folder look cyclic.
    exclude: { path: "\\.test\\.ts$" },
    tsConfig: { fileName: "tsconfig.json" },
  },
};
