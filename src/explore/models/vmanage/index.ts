import { behaviours } from "../../../vendors/vmanage/behaviours.ts";
import { type VendorModel, weighted } from "../../model.ts";
import { sessionCommands } from "./session-commands.ts";
import { initialModel, type VmModel } from "./state.ts";
import { timeCommands } from "./time-commands.ts";
import { xsrfCommands } from "./xsrf-commands.ts";

/** Cisco Catalyst SD-WAN Manager (vManage) sessions, as the vendor document and the wire notes describe them. */
export const vmanageModel: VendorModel<VmModel> = {
  vendor: "vmanage",
  ids: behaviours.filter((b) => b.vendor === "vmanage").map((b) => b.id),
  initial: initialModel,
  commands: (context) => weighted(...sessionCommands(context), ...xsrfCommands(context), ...timeCommands(context)),
};
