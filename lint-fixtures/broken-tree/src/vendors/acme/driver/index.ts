// Breaks driver-imports-outside-its-room: a driver reaching into the engine.
import { bodyPath } from "../../../engine/selectors.ts";

export const acme = { name: "acme", bodyPath };
