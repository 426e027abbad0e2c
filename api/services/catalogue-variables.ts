import type { EntityManager } from "@mikro-orm/postgresql";
import { checkVariable } from "../../schemas/catalogue/checks";
import type { Variable, VariableStatus } from "../../schemas/catalogue/types";
import { recordAudit, type AuditActor } from "../audit/record-audit";
import type { VariablePage, VariableQuery } from "../../schemas/contracts/api";
import { CatalogueVariable, VariableRevision } from "../entities";
import { problems } from "../problems";
import { loadCatalogue, recordRevision, refuseIfAny, versionsUsingVariable, withoutEntry } from "./catalogue-store";

/** Writing and reading catalogue variables; each change checked, revised and audited in one transaction. */

/**
 * Search over the code and every language of the label and description. A sequential ILIKE over 2,000
 * rows takes about a millisecond, so no search index is kept in sync (issue 4 asks for 2,000 variables).
 */
export async function searchVariables(em: EntityManager, f: VariableQuery): Promise<VariablePage> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    where.push(sql);
    params.push(value);
  };
  if (f.q?.trim()) {
    add(
      `(code || ' ' || jsonb_path_query_array(definition, '$.label.*')::text || ' ' || jsonb_path_query_array(definition, '$.description.*')::text) ilike ?`,
      `%${f.q.trim().replace(/[\\%_]/g, "\\$&")}%`,
    );
  }
  if (f.theme) add(`definition->>'theme' = ?`, f.theme);
  if (f.level) add(`level = ?`, f.level);
  if (f.type) add(`type = ?`, f.type);
  if (f.status) add(`status = ?`, f.status);
  if (f.sensitivity) add(`definition->>'sensitivity' = ?`, f.sensitivity);
  const rows: { definition: Variable; status: VariableStatus; total: string }[] = await em.getConnection().execute(
    `select definition, status, count(*) over () as total from variables ${where.length ? `where ${where.join(" and ")}` : ""}
     order by code limit ? offset ?`,
    [...params, f.limit, f.offset],
  );
  return { total: Number(rows[0]?.total ?? 0), items: rows.map((r) => ({ ...r.definition, status: r.status })) };
}

/** The levels of the catalogue's variables that are units of records (plots, livestock), drafts included: a unit being defined is offered too. */
export async function catalogueUnits(em: EntityManager): Promise<string[]> {
  const rows: { level: string }[] = await em
    .getConnection()
    .execute(`select distinct level from variables where level not in ('household', 'individual') order by level`);
  return rows.map((row) => row.level);
}

export async function findVariable(em: EntityManager, code: string): Promise<CatalogueVariable> {
  const found = await em.findOne(CatalogueVariable, code);
  if (!found) throw problems.variableNotFound(code);
  return found;
}

export async function variableWithUsage(em: EntityManager, code: string) {
  const found = await findVariable(em, code);
  return { ...variableView(found), usedBy: await versionsUsingVariable(em, code) };
}

/** New variables are drafts unless the writer says otherwise: nothing half-written reaches a mask by mistake. */
export async function createVariable(em: EntityManager, by: AuditActor, input: Variable): Promise<Variable> {
  const variable: Variable = { ...input, status: input.status ?? "draft" };
  return em.transactional(async (tx) => {
    refuseIfAny(checkVariable(variable, await loadCatalogue(tx)));
    tx.create(CatalogueVariable, columnsOf(variable));
    await tx.flush();
    const revision = await recordRevision(tx, by, "variable", variable, "create");
    await recordAudit(tx, by, {
      action: "variable.create",
      entityType: "variable",
      entityId: variable.code,
      details: { revision, type: variable.type },
    });
    return variable;
  });
}

/** A variable a published version binds keeps its code and type; any other change, deprecation included, is allowed. */
export async function updateVariable(em: EntityManager, by: AuditActor, code: string, input: Variable): Promise<Variable> {
  return em.transactional(async (tx) => {
    const current = await findVariable(tx, code);
    const variable: Variable = { ...input, status: input.status ?? (current.status as VariableStatus) };
    if (variable.code !== code || variable.type !== current.type) {
      const usedBy = await versionsUsingVariable(tx, code);
      if (usedBy.length) throw problems.variableInUse(code, usedBy);
    }
    refuseIfAny(checkVariable(variable, withoutEntry(await loadCatalogue(tx), "variables", code)));
    if (variable.code === code) {
      tx.assign(current, columnsOf(variable));
    } else {
      tx.remove(current);
      await tx.flush();
      tx.create(CatalogueVariable, columnsOf(variable));
    }
    await tx.flush();
    const revision = await recordRevision(tx, by, "variable", variable, "update");
    await recordAudit(tx, by, {
      action: "variable.update",
      entityType: "variable",
      entityId: variable.code,
      details: { revision, ...(variable.code !== code ? { renamedFrom: code } : {}), status: variable.status },
    });
    return variable;
  });
}

export async function variableRevisions(em: EntityManager, code: string) {
  const revisions = await em.find(VariableRevision, { code }, { orderBy: { revision: "desc" } });
  if (!revisions.length) await findVariable(em, code);
  return revisions.map((r) => ({
    revision: r.revision,
    change: r.change,
    changedBy: r.changedByName,
    changedAt: r.changedAt.toISOString(),
    definition: r.definition,
  }));
}

export function variableView(row: CatalogueVariable): Variable {
  return { ...row.definition, status: row.status as VariableStatus };
}

function columnsOf(v: Variable) {
  return { code: v.code, level: v.level, type: v.type, status: v.status ?? "active", definition: v };
}
