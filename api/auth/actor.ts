import type { AuditActor } from "../audit/record-audit";
import { AREA_BOUND_ROLES, type Role } from "./roles";

/** The person (or machine acting for a person) behind a request. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  roles: Role[];
  areas: string[];
  grants: string[];
  via: "session" | "token";
}

/** True when the actor's view is limited to their areas (clerks and supervisors without a wider role). */
export function isAreaBound(actor: Actor): boolean {
  return !actor.roles.includes("admin") && actor.roles.some((r) => AREA_BOUND_ROLES.includes(r)) && !actor.roles.includes("analyst");
}

/** A place is within the actor's areas when its island, prefecture or commune is one of them. */
export function coversPlace(actor: Actor, place: { island?: string | null; prefecture?: string | null; commune?: string | null }): boolean {
  if (!isAreaBound(actor)) return true;
  return [place.island, place.prefecture, place.commune].some((code) => code != null && actor.areas.includes(code));
}

export function auditActor(actor: Actor | null, address: string | null): AuditActor {
  return actor ? { id: actor.userId, name: actor.username, address } : { id: null, name: "anonymous", address };
}

/** The actor for changes made by the system itself (CLI, seed, workers). */
export function systemActor(name = "system"): AuditActor {
  return { id: null, name, address: null };
}
