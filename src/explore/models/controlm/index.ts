import { behaviours } from "../../../vendors/controlm/behaviours.ts";
import { type VendorModel, weighted } from "../../model.ts";
import { sessionCommands } from "./session-commands.ts";
import { type CtmModel, initialModel, passwordRef } from "./state.ts";
import { tokenCommands } from "./token-commands.ts";

/** Control-M's Session and Authentication services, as the documents and the wire notes describe them. */
export const controlmModel: VendorModel<CtmModel> = {
  vendor: "controlm",
  ids: behaviours.filter((b) => b.vendor === "controlm").map((b) => b.id),
  initial: initialModel,
  commands: (context) => weighted(...sessionCommands(context), ...tokenCommands(context)),
  /** A run that changed the password puts the original back, through a fresh login with the current one. */
  async finish(model, system) {
    if (model.password === 0) return;
    await system.step({ login: { password: passwordRef(model.password) }, as: "restore", title: "log in to restore the password" });
    await system.step({
      action: "change-password",
      as: "restore",
      title: "restore the original password",
      with: { currentPassword: passwordRef(model.password), newPassword: "${credentials.password}" },
      expect: { status: 200 },
    });
  },
};
