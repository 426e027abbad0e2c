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
  const { sensitivity, units } = needed
    ? await catalogueMarks(em)
    : { sensitivity: new Map<string, Sensitivity>(), units: new Set<string>() };
  return (covering) => {
    const readable = new Set(covering.flatMap((scope) => [...scope.sensitivities]));
    const everything = readable.size === 4;
    // A unit's list of records (plots) is no variable: each record is read field by field. A variable
    // missing from the catalogue is treated as sensitive: refusing is the safe mistake.
    const may = (code: string) => everything || units.has(code) || readable.has(sensitivity.get(code) ?? "sensitive");
    const attributes = (values: Record<string, unknown>): Record<string, unknown> =>
      Object.fromEntries(
        Object.entries(values)
          .filter(([code]) => may(code))
          .map(([code, value]) => [code, units.has(code) ? records(value) : value]),
      );
    const records = (value: unknown) => (Array.isArray(value) ? value.map((record) => (isRecord(record) ? attributes(record) : null)) : []);
    return { may, attributes, value: (code, value) => (may(code) ? value : null) };
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The redactor for one record reached by these scopes. */
export async function redactorFor(em: EntityManager, covering: readonly RoleScope[]): Promise<Redactor> {
  return (await redactorsFor(em, covering))(covering);
}

/** The head's name is made of first and last names: readable only when both are. */
export function mayReadHeadName(redactor: Redactor): boolean {
  return redactor.may(INDIVIDUAL_KEY_VARIABLES.firstName) && redactor.may(INDIVIDUAL_KEY_VARIABLES.lastName);
}

/** Each variable's sensitivity, and the units of records (levels other than households and individuals, #20). */
async function catalogueMarks(em: EntityManager): Promise<{ sensitivity: Map<string, Sensitivity>; units: Set<string> }> {
  const rows = await em.find(CatalogueVariable, {}, { fields: ["code", "definition"] });
  return {
    sensitivity: new Map(rows.map((v) => [v.code, v.definition.sensitivity ?? "internal"])),
    units: new Set(rows.map((v) => v.definition.level).filter((level) => level !== "household" && level !== "individual")),
  };
}
