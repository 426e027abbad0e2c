import type { Sensitivity } from "../../schemas/catalogue/types";

/** The roles of DESIGN.md. A user may hold several; a token acts with exactly one. */
export const ROLES = ["admin", "designer", "supervisor", "clerk", "analyst"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Roles whose view of the registry is limited to their assigned areas. */
export const AREA_BOUND_ROLES: readonly Role[] = ["supervisor", "clerk"];

/** Sensitivity levels beyond public and internal, which analysts read only when granted. */
export const GRANTS = ["personal", "sensitive"] as const;

/** What a role reads of the registry by sensitivity: those who collect and review read all; analysts as granted. */
export function readableSensitivities(role: Role, grants: readonly string[]): ReadonlySet<Sensitivity> {
  if (role === "analyst") return new Set<Sensitivity>(["public", "internal", ...GRANTS.filter((g) => grants.includes(g))]);
  return new Set<Sensitivity>(["public", "internal", "personal", "sensitive"]);
}
