import { behaviours } from "../../../vendors/openam/behaviours.ts";
import { type VendorModel, weighted } from "../../model.ts";
import { adminCommands } from "./admin-commands.ts";
import { infoCommands } from "./info-commands.ts";
import { propertyCommands } from "./property-commands.ts";
import { sessionCommands } from "./session-commands.ts";
import { type AmModel, initialModel } from "./state.ts";

/** ForgeRock / Ping AM's authenticate and sessions endpoint, as the documents and the wire notes describe them. */
export const openamModel: VendorModel<AmModel> = {
  vendor: "openam",
  ids: behaviours.filter((b) => b.vendor === "openam").map((b) => b.id),
  initial: initialModel,
  commands: (context) =>
    weighted(...sessionCommands(context), ...infoCommands(context), ...propertyCommands(context), ...adminCommands(context)),
};
