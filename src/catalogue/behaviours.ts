import type { Behaviour, ServiceInfo } from "../vendor-api/behaviour.ts";
import { vendorRecords } from "../vendors/registry.ts";
import { type TeamFileProblem, teamBehavioursFromEnv } from "./team-behaviours.ts";

export type { Behaviour, ServiceInfo } from "../vendor-api/behaviour.ts";

/**
 * Every registered vendor's services and documented behaviours (src/vendors/<vendor>/behaviours.ts, and a
 * team's own vendors): read from the registry each time, since a team vendor may join after this module loads.
 */
export function services(): readonly ServiceInfo[] {
  return vendorRecords().flatMap((v) => v.services);
}

export function behaviours(): readonly Behaviour[] {
  return index().list;
}

let indexed: { vendors: number; list: readonly Behaviour[]; byId: Map<string, Behaviour> } | undefined;
/** The behaviours by id, rebuilt when a vendor joined the registry since. */
function index(): NonNullable<typeof indexed> {
  const vendors = vendorRecords().length;
  if (indexed?.vendors !== vendors) {
    const list = vendorRecords().flatMap((v) => v.behaviours);
    indexed = { vendors, list, byId: new Map(list.map((b) => [b.id, b])) };
  }
  return indexed;
}

/** The team's own behaviours (the file SESSIONPROBE_BEHAVIOURS names), or none when the file is absent or does not validate. */
export function teamBehaviours(): readonly Behaviour[] {
  return teamBehavioursFromEnv({ behaviours: behaviours(), services: services() })?.behaviours ?? [];
}

/** The team behaviours file's problems, located; validate and every run report them with the scenario files'. */
export function teamBehaviourProblems(): readonly TeamFileProblem[] {
  return teamBehavioursFromEnv({ behaviours: behaviours(), services: services() })?.problems ?? [];
}

/** The team behaviours file's text (the loaded-file cache keys on it: its ids decide which covers: are known). */
export function teamBehavioursText(): string {
  return teamBehavioursFromEnv({ behaviours: behaviours(), services: services() })?.text ?? "";
}

/** A catalogue id, else a team's own; the catalogue wins (a team file cannot declare its ids). */
export function findBehaviour(id: string): Behaviour | undefined {
  return index().byId.get(id) ?? teamBehaviours().find((b) => b.id === id);
}

export const isTeamBehaviour = (behaviour: Behaviour): boolean => behaviour.origin === "team";

/** True for an id of the team's own file: reports list it under "team behaviours", apart from the vendor's. */
export function isTeamId(id: string): boolean {
  const behaviour = findBehaviour(id);
  return behaviour !== undefined && isTeamBehaviour(behaviour);
}

export function findService(vendor: string, service: string): ServiceInfo | undefined {
  return services().find((s) => s.vendor === vendor && s.service === service);
}

/** True when any part of the behaviour is OPEN: its unsettled part is observed, not failed. */
export function isOpen(behaviour: Behaviour): boolean {
  return /OPEN/.test(behaviour.sureness);
}
