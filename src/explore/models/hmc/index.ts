import { behaviours } from "../../../vendors/hmc/behaviours.ts";
import { type VendorModel, weighted } from "../../model.ts";
import { logonCommands } from "./logon-commands.ts";
import { sessionCommands } from "./session-commands.ts";
import { type HmcModel, initialModel } from "./state.ts";

/** The HMC's Logon/Logoff and the sessions it makes, as the IBM page and the wire notes describe them. */
export const hmcModel: VendorModel<HmcModel> = {
  vendor: "hmc",
  ids: behaviours.filter((b) => b.vendor === "hmc").map((b) => b.id),
  initial: initialModel,
  commands: (context) => weighted(...logonCommands(context), ...sessionCommands(context)),
};
