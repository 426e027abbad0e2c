import type { EntityManager } from "@mikro-orm/postgresql";
import type { FieldError } from "../../schemas/contracts/api";
import type { Catalogue, CodeList, Variable } from "../../schemas/catalogue/types";
import type { AuditActor } from "../audit/record-audit";
import { CatalogueCodeList, CatalogueVariable, CodeListRevision, VariableRevision } from "../entities";
import { problems, type UsedBy } from "../problems";

/** The working catalogue as one value, in code order, for cross-checks and releases. */
export async function loadCatalogue(em: EntityManager): Promise<Catalogue> {
  const [variables, codeLists] = await Promise.all([
    em.find(CatalogueVariable, {}, { orderBy: { code: "asc" } }),
    em.find(CatalogueCodeList, {}, { orderBy: { code: "asc" } }),
  ]);
  return { variables: variables.map((v) => v.definition), codeLists: codeLists.map((l) => l.definition) };
}

/** The catalogue without the entry being edited, so that it is not its own duplicate. */
export function withoutEntry(catalogue: Catalogue, kind: "variables" | "codeLists", code: string): Catalogue {
  return { ...catalogue, [kind]: catalogue[kind].filter((x: { code: string }) => x.code !== code) };
}

export function refuseIfAny(errors: FieldError[]): void {
  if (errors.length) throw problems.bodyInvalid(errors);
}

/** Appends the new state of a variable or code list to its history, in the caller's transaction. */
export async function recordRevision(
  tx: EntityManager,
  by: AuditActor,
  kind: "variable" | "code_list",
  definition: Variable | CodeList,
  change: "create" | "update",
): Promise<number> {
  // Both tables have the same columns; only the definition's type differs.
  const entity = (kind === "variable" ? VariableRevision : CodeListRevision) as typeof VariableRevision;
  const [last] = await tx.find(entity, { code: definition.code }, { orderBy: { revision: "desc" }, limit: 1 });
  const revision = (last?.revision ?? 0) + 1;
  tx.create(entity, {
    code: definition.code,
    revision,
    definition: definition as Variable,
    changedBy: by.id,
    changedByName: by.name,
    change,
  });
  await tx.flush();
  return revision;
}

/** Published versions whose frozen catalogue binds the variable. */
export async function versionsUsingVariable(em: EntityManager, code: string): Promise<UsedBy[]> {
  return usage(em, `snapshot->'variables' @> ?::jsonb`, [JSON.stringify([{ code }])]);
}

/** Published versions whose frozen copy of the list holds one of the values. */
export async function versionsUsingValues(em: EntityManager, list: string, values: string[]): Promise<UsedBy[]> {
  if (!values.length) return [];
  return usage(
    em,
    `exists (select 1 from jsonb_array_elements(snapshot->'codeLists') l, jsonb_array_elements(l->'items') i
       where l->>'code' = ? and i->>'code' in (select jsonb_array_elements_text(?::jsonb)))`,
    [list, JSON.stringify(values)],
  );
}

async function usage(em: EntityManager, where: string, params: unknown[]): Promise<UsedBy[]> {
  const rows: { form_id: string; version: number }[] = await em
    .getConnection()
    .execute(`select form_id, version from form_versions where ${where} order by form_id, version`, params);
  return rows.map((r) => ({ formId: r.form_id, version: r.version }));
}
