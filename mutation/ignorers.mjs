// StrykerJS ignorers: mutants in code that is not the mocks' behaviour, left out of the score
// with the reason Stryker records for each (the report lists them as Ignored).
import { declareValuePlugin, PluginKind } from "@stryker-mutator/api/plugin";

/** Message helpers and the argument from which their arguments are free text (no client reads the words). */
const MESSAGE_ARGUMENTS = { errorList: 2, crestError: 2, errorPage: 2, dataserviceError: 2 };

const calleeName = (node) => (node.callee.type === "Identifier" ? node.callee.name : node.callee.type === "MemberExpression" ? node.callee.property.name : undefined);
const isDefectCall = (node) => node?.type === "CallExpression" && calleeName(node) === "defect";
const unwrap = (node) => (node?.type === "UnaryExpression" && node.operator === "!" ? unwrap(node.argument) : node);
/** `texts.x` or `state.texts.x`: Control-M's wording table (two legal wordings, chosen by an option). */
const isTexts = (node) =>
  node?.type === "MemberExpression" &&
  ((node.object.type === "Identifier" && node.object.name === "texts") || (node.object.type === "MemberExpression" && node.object.property.name === "texts"));

const ignoreNonBehaviour = {
  shouldIgnore(path) {
    const { node } = path;
    // A defect is switched on only by the defect matrix: with it off (every graded run) its check is dead code.
    if (isDefectCall(unwrap(node))) return "a defect switch: off in every graded run, proved by the defect matrix instead";
    if (isTexts(node) || (node.type === "CallExpression" && isTexts(node.callee))) return "message wording: any text is legal, suites assert the shape";
    // The seeded test accounts are both the mock's users and the target's credentials: a change to one is a change to both.
    if (node.type === "VariableDeclarator" && ["seededUsers", "SEEDED_API_TOKEN"].includes(node.id?.name))
      return "seeded test accounts: the built-in target's credentials are read from the same table";
    const parent = path.parentPath?.node;
    if (parent?.type === "CallExpression" && parent.arguments.includes(node)) {
      const from = MESSAGE_ARGUMENTS[calleeName(parent)];
      if (from !== undefined && parent.arguments.indexOf(node) >= from) return "message wording: any text is legal, suites assert the shape";
    }
    // HMC's HttpErrorResponse Message: free text (clients print it); its ReasonCode and status stay graded.
    if (parent?.type === "ObjectProperty" && parent.value === node && parent.key.name === "message") {
      const call = path.parentPath.parentPath?.parentPath?.node;
      if (call?.type === "CallExpression" && calleeName(call) === "httpError") return "message wording: any text is legal, suites assert the shape";
    }
    return undefined;
  },
};

export const strykerPlugins = [declareValuePlugin(PluginKind.Ignore, "sessionprobe-non-behaviour", ignoreNonBehaviour)];
