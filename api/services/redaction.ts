import type { EntityManager } from "@mikro-orm/postgresql";
import type { Sensitivity } from "../../schemas/catalogue/types";
import { INDIVIDUAL_KEY_VARIABLES } from "../../schemas/contracts/registry";
import type { Actor } from "../auth/actor";
import { CatalogueVariable } from "../entities";

/**
 * What a user may read of the registry by the catalogue's sensitivity marks: those who collect and review
 * data (admins, supervisors, clerks) read everything of their areas; analysts read public and internal
 * variables, and personal or sensitive ones only where granted.
 */
export function readableSensitivities(actor: Actor): Set<Sensitivity> {
  if (actor.roles.some((r) => r === "admin" || r === "supervisor" || r === "clerk")) {
    return new Set(["public", "internal", "personal", "sensitive"]);
  }
  return new Set<Sensitivity>(["public", "internal", ...(actor.grants as Sensitivity[])]);
}

export interface Redactor {
  /** Whether the variable with this code may be read. */
  may(code: string): boolean;
  /** Attributes without the variables that may not be read. */
  attributes(values: Record<string, unknown>): Record<string, unknown>;
  /** The value, or null when its variable may not be read. */
  value<T>(code: string, value: T): T | null;
}

export async function redactorFor(em: EntityManager, actor: Actor): Promise<Redactor> {
  const readable = readableSensitivities(actor);
  const everything = readable.size === 4;
  const sensitivity = everything ? new Map<string, Sensitivity>() : await sensitivities(em);
  // A variable missing from the catalogue is treated as sensitive: refusing is the safe mistake.
  const may = (code: string) => everything || readable.has(sensitivity.get(code) ?? "sensitive");
  return {
    may,
    attributes: (values) => Object.fromEntries(Object.entries(values).filter(([code]) => may(code))),
    value: (code, value) => (may(code) ? value : null),
  };
}

/** The head's name is made of first and last names: readable only when both are. */
export function mayReadHeadName(redactor: Redactor): boolean {
  return redactor.may(INDIVIDUAL_KEY_VARIABLES.firstName) && redactor.may(INDIVIDUAL_KEY_VARIABLES.lastName);
}

async function sensitivities(em: EntityManager): Promise<Map<string, Sensitivity>> {
  const rows = await em.find(CatalogueVariable, {}, { fields: ["code", "definition"] });
  return new Map(rows.map((v) => [v.code, v.definition.sensitivity ?? "internal"]));
}
