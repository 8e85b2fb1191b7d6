import { readFileSync } from "node:fs";
import { join } from "node:path";
import { validateXML } from "xmllint-wasm";

/** Validates a JUnit XML document against the Jenkins/Surefire JUnit XSD kept beside this file; the errors, if any. */
export async function junitSchemaErrors(xml: string): Promise<string[]> {
  const schema = readFileSync(join(import.meta.dirname, "junit-10.xsd"), "utf8");
  const result = await validateXML({ xml: [{ fileName: "junit.xml", contents: xml }], schema: [schema] });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}
