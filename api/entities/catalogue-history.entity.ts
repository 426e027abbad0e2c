import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import type { Catalogue, CodeList, Variable } from "../../schemas/catalogue/types";

/**
 * The catalogue's history: every saved state of each variable and code list, written in the transaction
 * of the change, and releases (the whole catalogue frozen under a name). Rows are never updated.
 */
const revision = {
  id: p.integer().primary().autoincrement(),
  code: p.string().length(63),
  revision: p.integer(),
  changedBy: p.uuid().nullable(),
  changedByName: p.string().length(80),
  changedAt: p.datetime().onCreate(() => new Date()),
  /** "create" or "update". */
  change: p.string().length(20),
};

export const VariableRevision = defineEntity({
  name: "VariableRevision",
  tableName: "variable_revisions",
  uniques: [{ properties: ["code", "revision"] }],
  properties: { ...revision, definition: p.json<Variable>() },
});
export type VariableRevision = InferEntity<typeof VariableRevision>;

export const CodeListRevision = defineEntity({
  name: "CodeListRevision",
  tableName: "code_list_revisions",
  uniques: [{ properties: ["code", "revision"] }],
  properties: { ...revision, definition: p.json<CodeList>() },
});
export type CodeListRevision = InferEntity<typeof CodeListRevision>;

export const CatalogueRelease = defineEntity({
  name: "CatalogueRelease",
  tableName: "catalogue_releases",
  properties: {
    id: p.integer().primary().autoincrement(),
    name: p.string().length(200).unique(),
    notes: p.text().nullable(),
    catalogue: p.json<Catalogue>(),
    checksum: p.string().length(64),
    createdBy: p.uuid().nullable(),
    createdByName: p.string().length(80),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type CatalogueRelease = InferEntity<typeof CatalogueRelease>;
