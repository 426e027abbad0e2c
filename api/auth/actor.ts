import type { Sensitivity } from "../../schemas/catalogue/types";
import type { AuditActor } from "../audit/record-audit";
import { roleMay, type Permission } from "./permissions";
import { AREA_BOUND_ROLES, readableSensitivities, type Role } from "./roles";

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

/**
 * What one of the actor's roles reaches (DESIGN.md rule 11): a user with several roles gets each role's
 * reach with that role's own areas and redaction, never one role's breadth with another's depth (#15).
 */
export interface RoleScope {
  role: Role;
  /** Island, prefecture or commune codes; null when the role is not bound to areas. */
  areas: readonly string[] | null;
  /** Clerks see the submissions they sent, not those of others. */
  ownSubmissionsOnly: boolean;
  sensitivities: ReadonlySet<Sensitivity>;
}

export type Place = { island?: string | null; prefecture?: string | null; commune?: string | null };

/** The scopes of the actor's roles that hold the permission. */
export function scopesFor(actor: Actor, permission: Permission): RoleScope[] {
  return actor.roles
    .filter((role) => roleMay([role], permission))
    .map((role) => ({
      role,
      areas: AREA_BOUND_ROLES.includes(role) ? actor.areas : null,
      ownSubmissionsOnly: role === "clerk",
      sensitivities: readableSensitivities(role, actor.grants),
    }));
}

/** A place is within a scope when the scope is unbound or the island, prefecture or commune is one of its areas. */
export function scopeCovers(scope: RoleScope, place: Place): boolean {
  const { areas } = scope;
  return areas === null || [place.island, place.prefecture, place.commune].some((code) => code != null && areas.includes(code));
}

/** The scopes under which the permission reaches this place. */
export function scopesCovering(actor: Actor, permission: Permission, place: Place): RoleScope[] {
  return scopesFor(actor, permission).filter((scope) => scopeCovers(scope, place));
}

export function coversPlace(actor: Actor, permission: Permission, place: Place): boolean {
  return scopesCovering(actor, permission, place).length > 0;
}

export function auditActor(actor: Actor | null, address: string | null): AuditActor {
  return actor ? { id: actor.userId, name: actor.username, address } : { id: null, name: "anonymous", address };
}

/** The actor for changes made by the system itself (CLI, seed, workers). */
export function systemActor(name = "system"): AuditActor {
  return { id: null, name, address: null };
}
