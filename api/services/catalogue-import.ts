import type { EntityManager } from "@mikro-orm/postgresql";
import type { ImportedCatalogue } from "../../schemas/catalogue/import/from-tables";
import { planImport, type ImportPlan, type PublishedSnapshot } from "../../schemas/catalogue/import/import-plan";
import { readCatalogueCsv } from "../../schemas/catalogue/import/read-csv";
import { readCatalogueXlsx } from "../../schemas/catalogue/import/read-xlsx";
import type { Catalogue, CodeList, Variable } from "../../schemas/catalogue/types";
import { recordAudit, type AuditActor } from "../audit/record-audit";
import { CatalogueCodeList, CatalogueVariable, CodeListRevision, VariableRevision } from "../entities";
import { problems } from "../problems";
import { loadCatalogue } from "./catalogue-store";

/**
 * The catalogue import (issue 4): a preview writes nothing; an apply writes the whole plan in one
 * transaction or nothing at all. One audit row per import (counts and each entry's new revision), since
 * the import is one act of one writer; each entry's history is in its revisions as for a single edit.
 */
export type ImportMode = "preview" | "apply";
export const IMPORT_TYPES = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv",
} as const;

export interface ImportResult extends ImportPlan {
  mode: ImportMode;
  applied: boolean;
}

/** The file as a catalogue, by its media type; a 422 when it is not one. */
export async function readImportFile(bytes: Uint8Array, format: keyof typeof IMPORT_TYPES): Promise<ImportedCatalogue> {
  let read: ImportedCatalogue | undefined;
  if (format === "xlsx") read = await readCatalogueXlsx(bytes);
  else {
    try {
      read = readCatalogueCsv(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    } catch {
      read = undefined; // not UTF-8: the export writes UTF-8, and guessing an encoding would garble accents
    }
  }
  if (!read) throw problems.catalogueFileUnreadable();
  return read;
}

export async function importCatalogue(em: EntityManager, by: AuditActor, file: ImportedCatalogue, mode: ImportMode): Promise<ImportResult> {
  if (mode === "preview") {
    const { plan } = planImport(await loadCatalogue(em), file, await publishedSnapshots(em));
    return { ...plan, mode, applied: false };
  }
  return em.transactional(async (tx) => {
    // Single edits wait until the import commits: the plan was checked against the catalogue it writes over.
    await tx.getConnection().execute("lock table variables, code_lists in share row exclusive mode", [], "run", tx.getTransactionContext());
    const { plan, writes } = planImport(await loadCatalogue(tx), file, await publishedSnapshots(tx));
    if (plan.refused.length) throw problems.catalogueImportRefused(plan);
    const revisions = {
      variables: await writeEntries(tx, by, "variable", writes.variables),
      codeLists: await writeEntries(tx, by, "code_list", writes.codeLists),
    };
    await recordAudit(tx, by, {
      action: "catalogue.import",
      entityType: "catalogue",
      details: { added: plan.added.length, changed: plan.changed.length, unchanged: plan.unchanged, revisions },
    });
    return { ...plan, mode, applied: true };
  });
}

/** Inserts or replaces the definitions, and appends each one's revision; returns code → new revision. */
async function writeEntries(
  tx: EntityManager,
  by: AuditActor,
  kind: "variable" | "code_list",
  definitions: (Variable | CodeList)[],
): Promise<Record<string, number>> {
  if (!definitions.length) return {};
  const codes = definitions.map((d) => d.code);
  // Both pairs of tables have the same shape but for the definition's type.
  const entity = (kind === "variable" ? CatalogueVariable : CatalogueCodeList) as typeof CatalogueVariable;
  const history = (kind === "variable" ? VariableRevision : CodeListRevision) as typeof VariableRevision;
  const existing = new Map((await tx.find(entity, { code: { $in: codes } })).map((row) => [row.code, row]));
  const last = new Map<string, number>();
  for (const r of await tx.find(history, { code: { $in: codes } }, { fields: ["code", "revision"] })) {
    last.set(r.code, Math.max(last.get(r.code) ?? 0, r.revision));
  }
  const revisions: Record<string, number> = {};
  for (const definition of definitions) {
    const columns = kind === "variable" ? variableColumns(definition as Variable) : { code: definition.code, definition };
    const row = existing.get(definition.code);
    if (row) tx.assign(row, columns as never);
    else tx.create(entity, columns as never);
    const revision = (last.get(definition.code) ?? 0) + 1;
    revisions[definition.code] = revision;
    tx.create(history, {
      code: definition.code,
      revision,
      definition: definition as Variable,
      changedBy: by.id,
      changedByName: by.name,
      change: row ? "update" : "create",
    });
  }
  await tx.flush();
  return revisions;
}

function variableColumns(v: Variable) {
  return { code: v.code, level: v.level, type: v.type, status: v.status ?? "active", definition: v };
}

/** Every published version's frozen catalogue: what the published-mask rules protect. */
async function publishedSnapshots(em: EntityManager): Promise<PublishedSnapshot[]> {
  const rows: { form_id: string; version: number; snapshot: Catalogue }[] = await em
    .getConnection()
    .execute(
      "select form_id, version, snapshot from form_versions order by form_id, version",
      [],
      "all",
      em.isInTransaction() ? em.getTransactionContext() : undefined,
    );
  return rows.map((r) => ({ formId: r.form_id, version: r.version, catalogue: r.snapshot }));
}
