import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import type { ExportFormat, ExportRequest, ExportStatus } from "../../schemas/contracts/exports";

/**
 * A registry export (issue #17): who asked, with which filters and roles, how far the job got, and the
 * file it wrote. The filters stay here, not in the job, so that Redis never holds them.
 */
export const RegistryExport = defineEntity({
  name: "RegistryExport",
  tableName: "registry_exports",
  properties: {
    id: p.uuid().primary(),
    requestedBy: p.uuid().index(),
    /** The roles the request was made with (a token acts with one): the export reads as those roles would. */
    roles: p.array(),
    format: p.string().$type<ExportFormat>().length(10),
    filters: p.json<Omit<ExportRequest, "format"> & { asOf: string }>(),
    status: p.string().$type<ExportStatus>().length(12),
    requestedAt: p.datetime().onCreate(() => new Date()),
    startedAt: p.datetime().nullable(),
    finishedAt: p.datetime().nullable(),
    expiresAt: p.datetime().nullable(),
    done: p.integer().default(0),
    total: p.integer().nullable(),
    households: p.integer().nullable(),
    individuals: p.integer().nullable(),
    checksum: p.string().length(64).nullable(),
    bytes: p.bigint("number").nullable(),
    error: p.string().length(60).nullable(),
  },
});
export type RegistryExport = InferEntity<typeof RegistryExport>;
