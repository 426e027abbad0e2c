import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import type { ImportProfileBody } from "../../schemas/imports/import-profile";
import type { RowError } from "../../schemas/imports/household-answers";
import type { ImportFiles, ImportSummary } from "../../schemas/contracts/imports";

/** A saved mapping profile (issue #19), reused for each delivery of the same source. */
export const ImportProfile = defineEntity({
  name: "ImportProfile",
  tableName: "import_profiles",
  properties: {
    id: p.uuid().primary(),
    name: p.string().length(200).unique(),
    source: p.string().length(64),
    body: p.json<ImportProfileBody>(),
    createdBy: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()),
  },
});
export type ImportProfile = InferEntity<typeof ImportProfile>;

/**
 * One delivery of a partner's files being imported: uploaded, checked (dry run), then run. `delivery`
 * is part of every row's submission id, so the same delivery imported again changes nothing.
 */
export const DataImport = defineEntity({
  name: "DataImport",
  tableName: "imports",
  properties: {
    id: p.uuid().primary(),
    status: p.string().length(20),
    delivery: p.string().length(64),
    files: p.json<ImportFiles>(),
    /** The profile as the dry run used it: the run submits exactly what was checked. */
    profileId: p.uuid().nullable(),
    profile: p.json<ImportProfileBody>().nullable(),
    summary: p.json<ImportSummary>().nullable(),
    createdBy: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()),
    /** Who pressed « run » last: the run's job writes in their name. */
    runBy: p.uuid().nullable(),
    runStartedAt: p.datetime().nullable(),
    runFinishedAt: p.datetime().nullable(),
    /** Who undid the run, and when: what it changed in the registry was reversed by new versions. */
    undoneBy: p.uuid().nullable(),
    undoneAt: p.datetime().nullable(),
  },
});
export type DataImport = InferEntity<typeof DataImport>;

/** A source row as uploaded, kept until the import is done: the dry run reads households back in key order. */
export const ImportRow = defineEntity({
  name: "ImportRow",
  tableName: "import_rows",
  indexes: [{ properties: ["importId", "householdKey"] }],
  properties: {
    importId: p.uuid().primary(),
    file: p.string().length(12).primary(),
    line: p.integer().primary(),
    householdKey: p.text().nullable(),
    cells: p.json<Record<string, string>>(),
  },
});
export type ImportRow = InferEntity<typeof ImportRow>;

/**
 * What the dry run found for one source household, and the submission that carries it through the
 * pipeline: registry changes name that submission, and through this row the import, its profile and its lines.
 */
export const ImportHousehold = defineEntity({
  name: "ImportHousehold",
  tableName: "import_households",
  properties: {
    importId: p.uuid().primary(),
    householdKey: p.text().primary(),
    submissionId: p.uuid().index(),
    outcome: p.string().length(20),
    lines: p.json<number[]>(),
    data: p.json<Record<string, unknown>>().nullable(),
    errors: p.json<RowError[]>().nullable(),
    /** For an update of a household an earlier delivery created: the household and its version then. */
    householdId: p.uuid().nullable(),
    baseVersion: p.integer().nullable(),
  },
});
export type ImportHousehold = InferEntity<typeof ImportHousehold>;
