import type { DeploymentOption } from "../../../vendor-api/driver.ts";

/**
 * What a Control-M deployment configures, declared per target under `options:` with the
 * mock's `--set` names (src/vendors/controlm/mock/options.ts), so a value set on the mock and
 * one declared for a real server mean the same thing.
 */
export const controlmDeploymentOptions: Record<string, DeploymentOption> = {
  annotation: {
    description:
      "on when annotation is enabled for the category that covers API tokens (Control-M security / Configuration management): create, update and delete then need an annotation (CTM-A-13). The docs describe it as something enabled, so off by default",
    default: "off",
    values: ["off", "on"],
  },
  annotationSubjectHeader: {
    description:
      "the header that carries an annotation's subject. The real name is not public (CTM-A-13 OPEN): the default is the mock's choice, declare your server's",
    default: "Annotation-Subject",
  },
  annotationDescriptionHeader: {
    description:
      "the header that carries an annotation's description. The real name is not public (CTM-A-13 OPEN): the default is the mock's choice, declare your server's",
    default: "Annotation-Description",
  },
  passwordSecretKey: {
    description:
      "the key of a predefined secret that holds the test account's current password, sent as Secret:<key> (CTM-S-10). Control-M documents no such secret, so there is no default and CTM-S-10 is skipped where none is declared (the built-in mock's is emuser-password)",
  },
};

/**
 * Values scenarios read as `${options.NAME}` that exist only under a condition:
 * `annotationEnabled` only where annotation is on, so a scenario about enforced
 * annotations is skipped, with the reason, on a target that has it off.
 */
export function controlmDeploymentFacts(options: Readonly<Record<string, string>>): Record<string, string | undefined> {
  return { annotationEnabled: options.annotation === "on" ? "on" : undefined };
}
