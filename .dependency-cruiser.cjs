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
        "A vendor driver (src/vendors/<vendor>/driver/) may import only src/http, src/redact, src/time, src/text, src/vendor-api " +
        "and its own vendor's folder, never that vendor's mock/. It speaks the wire; the engine calls it through the VendorDriver interface. " +
        "Move what both need into one of those folders (or into the vendor's own folder) instead of reaching into the engine, the mocks or the scenario loader.",
      from: { path: "^src/vendors/([^/]+)/driver/", pathNot: TEST_CODE },
      to: { path: "^src/", pathNot: ["^src/(http|redact|time|text|vendor-api)/", "^src/vendors/$1/(?!mock/|index\\.ts$)"] },
    },
    {
      name: "mock-imports-outside-its-room",
      severity: "error",
      comment:
        "A vendor mock (src/vendors/<vendor>/mock/) may import only src/time, src/text, src/http/xml.ts, src/mock-kit, src/vendor-api " +
        "and its own vendor's folder, never that vendor's driver/. It is an independent model of the vendor: " +
        "a mock that borrows driver or engine code would agree with the harness by construction and prove nothing.",
      from: { path: "^src/vendors/([^/]+)/mock/", pathNot: TEST_CODE },
      to: {
        path: "^src/",
        pathNot: ["^src/(time|text|mock-kit|vendor-api)/", "^src/http/xml\\.ts$", "^src/vendors/$1/(?!driver/|index\\.ts$)"],
      },
    },
    {
      name: "vendor-facts-import-outside-their-room",
      severity: "error",
      comment:
        "A vendor folder's own files (behaviours, variants, defects, timeouts, evidence …: src/vendors/<vendor>/*.ts) are facts " +
        "the driver, the mock and the reports all read: they may import only src/vendor-api, src/time, src/text and each other. " +
        "Only index.ts, the Vendor record, loads the driver and the mock, on demand.",
      from: { path: "^src/vendors/([^/]+)/[^/]+\\.ts$", pathNot: [...TEST_CODE, "^src/vendors/[^/]+/index\\.ts$"] },
      to: { path: "^src/", pathNot: ["^src/(time|text|vendor-api)/", "^src/vendors/$1/[^/]+\\.ts$"] },
    },
    {
      name: "vendor-record-imports-outside-its-room",
      severity: "error",
      comment:
        "A vendor's index.ts (its Vendor record) imports its facts; its driver and mock only by a dynamic import, " +
        "so a run that does not need them never loads them. It imports nothing outside its own folder but src/vendor-api.",
      from: { path: "^src/vendors/([^/]+)/index\\.ts$" },
      to: { path: "^src/", pathNot: ["^src/vendor-api/", "^src/vendors/$1/"] },
    },
    {
      name: "vendor-record-loads-its-code-eagerly",
      severity: "error",
      comment:
        "The Vendor record loads its driver and mock with import() when asked: a static import would load every vendor's code into every Playwright worker (bench row 7).",
      from: { path: "^src/vendors/([^/]+)/index\\.ts$" },
      to: { path: "^src/vendors/$1/(mock|driver)/", dynamic: false },
    },
    {
      name: "vendor-imports-another-vendor",
      severity: "error",
      comment: "A vendor folder is one room: nothing in it imports another vendor's folder. Share through src/vendor-api or src/mock-kit.",
      from: { path: "^src/vendors/([^/]+)/", pathNot: TEST_CODE },
      to: { path: "^src/vendors/[^/]+/", pathNot: "^src/vendors/$1/" },
    },
    {
      name: "mock-kit-imports-outside-its-room",
      severity: "error",
      comment:
        "src/mock-kit is shared by every vendor mock: it may import only src/time, src/text, src/http/xml.ts, src/vendor-api and itself.",
      from: { path: "^src/mock-kit/", pathNot: TEST_CODE },
      to: { path: "^src/", pathNot: ["^src/(time|text|vendor-api|mock-kit)/", "^src/http/xml\\.ts$"] },
    },
    {
      name: "vendor-api-imports-outside-its-room",
      severity: "error",
      comment:
        "src/vendor-api is the public contract a vendor folder implements (types and small helpers): it sits below everything else " +
        "and may import only src/http, src/time, src/text and itself, or every vendor would depend on the harness's insides.",
      from: { path: "^src/vendor-api/", pathNot: TEST_CODE },
      to: { path: "^src/", pathNot: ["^src/(http|time|text|vendor-api)/"] },
    },
    {
      name: "explore-model-imports-a-mock",
      severity: "error",
      comment:
        "A reference model for exploration (src/explore/models/) is written from the vendor documents and wire notes: it may not import a mock or src/mock-kit. " +
        "A model that borrows the mock's code agrees with the mock by construction and can find nothing. Restate the documented rule in the model.",
      from: { path: "^src/explore/models/", pathNot: TEST_CODE },
      to: { path: ["^src/vendors/[^/]+/mock/", "^src/mock-kit/"] },
    },
    {
      name: "engine-imports-runner-cli-mocks-or-reporters",
      severity: "error",
      comment:
        "The engine runs a scenario against any driver, in or out of Playwright: it never imports @playwright/test (or Allure), " +
        "the CLI, the mocks or the reporters (src/report, src/observe, src/baseline, src/in-process, src/matrices, src/evidence). Pass what it needs in through its parameters.",
      from: { path: "^src/engine/", pathNot: TEST_CODE },
      to: { path: ["^src/(cli|mock-kit|report|observe|baseline|in-process|matrices|evidence)/", "^src/vendors/[^/]+/mock/", PLAYWRIGHT] },
    },
    {
      name: "pipeline-imports-outside-its-room",
      severity: "error",
      comment:
        "src/pipeline runs one scenario for both of its callers, the Playwright fixture and the in-process runs: it sits on the engine and " +
        "imports only src/engine, src/targets, src/time and src/vendor-api; never @playwright/test, a mock or the fixtures. Pass the rest in through its hooks.",
      from: { path: "^src/pipeline/", pathNot: TEST_CODE },
      to: { path: ["^src/", PLAYWRIGHT, "^fixtures/"], pathNot: ["^src/(engine|targets|time|vendor-api|pipeline)/"] },
    },
    {
      name: "drivers-and-mocks-import-playwright",
      severity: "error",
      comment: "Drivers and mocks run outside Playwright too (sessionprobe mock, the bench, in-process runs): they never import @playwright/test or Allure.",
      from: { path: ["^src/vendors/", "^src/mock-kit/", "^src/vendor-api/"], pathNot: TEST_CODE },
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
