import type { EntityManager } from "@mikro-orm/postgresql";
import type { Sensitivity } from "../../schemas/catalogue/types";
import { INDIVIDUAL_KEY_VARIABLES } from "../../schemas/contracts/registry";
import type { RoleScope } from "../auth/actor";
import { CatalogueVariable } from "../entities";

export interface Redactor {
  /** Whether the variable with this code may be read. */
  may(code: string): boolean;
  /** Attributes without the variables that may not be read. */
  attributes(values: Record<string, unknown>): Record<string, unknown>;
  /** The value, or null when its variable may not be read. */
  value<T>(code: string, value: T): T | null;
}

/** The redactor of the scopes that reach one record: it shows what at least one of them may read (#15). */
export type RedactorOf = (covering: readonly RoleScope[]) => Redactor;

/**
 * Reads the catalogue's sensitivity marks once (only when some scope needs them) and returns the redactor
 * maker for records each reached by some of these scopes.
 */
export async function redactorsFor(em: EntityManager, scopes: readonly RoleScope[]): Promise<RedactorOf> {
  const needed = scopes.some((scope) => scope.sensitivities.size < 4);
  const sensitivity = needed ? await sensitivities(em) : new Map<string, Sensitivity>();
  return (covering) => {
    const readable = new Set(covering.flatMap((scope) => [...scope.sensitivities]));
    const everything = readable.size === 4;
    // A variable missing from the catalogue is treated as sensitive: refusing is the safe mistake.
    const may = (code: string) => everything || readable.has(sensitivity.get(code) ?? "sensitive");
    return {
      may,
      attributes: (values) => Object.fromEntries(Object.entries(values).filter(([code]) => may(code))),
      value: (code, value) => (may(code) ? value : null),
    };
  };
}

/** The redactor for one record reached by these scopes. */
export async function redactorFor(em: EntityManager, covering: readonly RoleScope[]): Promise<Redactor> {
  return (await redactorsFor(em, covering))(covering);
}

/** The head's name is made of first and last names: readable only when both are. */
export function mayReadHeadName(redactor: Redactor): boolean {
  return redactor.may(INDIVIDUAL_KEY_VARIABLES.firstName) && redactor.may(INDIVIDUAL_KEY_VARIABLES.lastName);
}

async function sensitivities(em: EntityManager): Promise<Map<string, Sensitivity>> {
  const rows = await em.find(CatalogueVariable, {}, { fields: ["code", "definition"] });
  return new Map(rows.map((v) => [v.code, v.definition.sensitivity ?? "internal"]));
}
