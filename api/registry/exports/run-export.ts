import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { ExportRegistryPayload } from "../../../schemas/contracts/exports";
import { codebook, exportLevels, meaningChanges } from "../../../schemas/registry/export-columns";
import { unitPlaces } from "../../../schemas/registry/unit-places";
import { scopesFor, systemActor, type RoleScope } from "../../auth/actor";
import { roleMay } from "../../auth/permissions";
import type { Role } from "../../auth/roles";
import { recordAudit } from "../../audit/record-audit";
import { FormVersion, RegistryExport, User } from "../../entities";
import { loadCatalogue } from "../../services/catalogue-store";
import { queryRows } from "../../db/plain-sql";
import { redactorsFor } from "../../services/redaction";
import { zipAttachmentFiles } from "./attachment-files";
import { copyCsvFiles } from "./copy-csv";
import { zipWriter } from "./export-files";
import { countHouseholdsAsOf } from "./households-as-of";
import { readable, writeRowFiles } from "./row-files";
import { csvFile } from "./table-files";

export interface ExportStore {
  /** Folder the API and the workers share. */
  dir: string;
  keepMs: number;
}

export const exportFilePath = (store: ExportStore, id: string) => join(store.dir, `${id}.zip`);

type Outcome = { exportId: string; status: string; households?: number; individuals?: number };

/**
 * Writes a registry export (issue #17): each household's state as of the date, one file per level joined by
 * household_id, and a codebook; read as the requester may read on screen (same areas, same redaction, the
 * roles they asked with, their grants as they are now). Checks for a cancel after every batch.
 */
export async function runRegistryExport(em: EntityManager, { exportId }: ExportRegistryPayload, store: ExportStore): Promise<Outcome> {
  const request = await em.findOne(RegistryExport, exportId);
  if (!request || (request.status !== "queued" && request.status !== "running")) return { exportId, status: request?.status ?? "missing" };
  const scopes = await requesterScopes(em, request);
  const filters = request.filters;
  const filter = {
    at: new Date(filters.asOf),
    area: filters.area,
    formId: filters.formId,
    formVersion: filters.formVersion,
    changedSince: filters.changedSince ? new Date(filters.changedSince) : undefined,
    scopes,
  };
  await em.nativeUpdate(RegistryExport, { id: exportId }, { status: "running", startedAt: new Date(), done: 0 });
  // Counted beside the rows, not before them: the progress bar learns its end a moment later, the file is not delayed.
  const counted = countHouseholdsAsOf(em.fork(), filter).then((total) =>
    em.fork().nativeUpdate(RegistryExport, { id: exportId }, { total }),
  );
  counted.catch(() => {});

  const work = join(store.dir, `${exportId}.partial`);
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  let zip: ReturnType<typeof zipWriter> | undefined;
  try {
    const catalogue = await loadCatalogue(em);
    const redactorOf = await redactorsFor(em, scopes);
    const everything = redactorOf(scopes);
    // A column none of the requester's roles may read is left out; a value only some may read is blank elsewhere.
    // Where each unit's records stand (harvests in plots, jobs in members), as the published masks place them.
    const masks = await em.find(FormVersion, {}, { fields: ["mask"], orderBy: { publishedAt: "asc", id: "asc" } });
    const levels = exportLevels(catalogue, filters.language ?? "fr", unitPlaces(masks.map((v) => v.mask))).map((level) => ({
      ...level,
      columns: level.columns.filter((column) => readable(column, everything)),
    }));
    const delimiter = filters.delimiter ?? ",";
    const job = { levels, delimiter, filter, redactorOf };
    const moved = (done: number) => advance(em, exportId, done);
    zip = zipWriter(exportFilePath(store, exportId));
    const counts =
      request.format === "csv"
        ? await copyCsvFiles(em, { ...job, open: (file) => zip!.entry(`${file}.csv`), progress: await csvProgress(em, moved) })
        : await writeRowFiles(em, { ...job, dir: work, format: request.format, progress: (written) => moved(written.households) });
    // The files its rows name, under attachments/ (issue #20), read as the rows were: same redaction.
    const files =
      counts &&
      (await zipAttachmentFiles(em, {
        ...job,
        add: (name, content) => zip!.add(name, content),
        cancelled: () => moved(counts.households),
      }));
    if (!counts || files === null) {
      await zip.abort();
      await rm(exportFilePath(store, exportId), { force: true });
      return { exportId, status: "cancelled" };
    }
    await counted;

    const snapshots = await em.find(FormVersion, {}, { fields: ["form", "version", "snapshot"] });
    const lines = codebook(
      levels,
      catalogue,
      meaningChanges(snapshots.map((v) => ({ formId: v.form.id, version: v.version, catalogue: v.snapshot }))),
    );
    const book = csvFile(join(work, "codebook.csv"), ["file", "name", "label", "type", "sensitivity", "values", "changed_between"], {
      delimiter,
      bom: true,
    });
    await book.add(lines.map((line) => [line.file, line.name, line.label, line.type, line.sensitivity, line.values, line.changed]));
    await book.close();

    // The CSV files are in the zip already, written as COPY sent them.
    const names = [...(request.format === "csv" ? [] : levels.map((level) => `${level.file}.${request.format}`)), "codebook.csv"];
    for (const name of names) zip.file(join(work, name), name);
    const { bytes, checksum } = await zip.close();
    const finishedAt = new Date();
    const completed = await em.transactional(async (tx) => {
      // A cancel that came after the last batch wins: the file is not offered.
      const updated = await tx.nativeUpdate(
        RegistryExport,
        { id: exportId, status: "running" },
        {
          status: "done",
          finishedAt,
          expiresAt: new Date(finishedAt.getTime() + store.keepMs),
          checksum,
          bytes,
          ...counts,
          done: counts.households,
        },
      );
      if (!updated) return false;
      await recordAudit(tx, systemActor("exports"), {
        action: "registry_export.completed",
        entityType: "registry_export",
        entityId: exportId,
        details: { requestedBy: request.requestedBy, roles: request.roles, format: request.format, filters, rows: counts, bytes, checksum },
      });
      return true;
    });
    if (!completed) await rm(exportFilePath(store, exportId), { force: true });
    return { exportId, status: completed ? "done" : "cancelled", ...counts };
  } catch (error) {
    await em.nativeUpdate(RegistryExport, { id: exportId }, { status: "failed", finishedAt: new Date(), error: "export_failed" });
    await zip?.abort();
    await rm(exportFilePath(store, exportId), { force: true });
    throw error;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Moves the progress bar (households written); true when the export was cancelled meanwhile. */
async function advance(em: EntityManager, exportId: string, done: number): Promise<boolean> {
  const [row] = await em
    .getConnection()
    .execute<{ status: string }[]>(`update registry_exports set done = ? where id = ? returning status`, [done, exportId]);
  return row?.status === "cancelled";
}

/**
 * COPY writes the households, then their members: the bar, which counts households, moves through both,
 * each member worth a household's share of the registry's members per household (an estimate from the
 * table statistics: the end is exact, the way there is smooth).
 */
async function csvProgress(em: EntityManager, moved: (done: number) => Promise<boolean>) {
  const [row] = await queryRows<{ per: number | null }>(
    em,
    `select (select reltuples from pg_class where oid = 'individuals'::regclass) / nullif((select reltuples from pg_class where oid = 'households'::regclass), 0) as per`,
    [],
  );
  const perHousehold = row?.per && row.per > 0 ? row.per : 1;
  return ({ households, individuals }: { households: number; individuals: number }) =>
    moved(Math.round((households * perHousehold + individuals) / (1 + perHousehold)));
}

/**
 * The requester's reach now: the roles the export was asked with that they still hold and that may export,
 * with their areas and grants as they are today. A deactivated or removed requester reaches nothing.
 */
async function requesterScopes(em: EntityManager, request: RegistryExport): Promise<RoleScope[]> {
  const user = await em.findOne(User, request.requestedBy);
  if (!user?.active) return [];
  const roles = request.roles.filter((role) => user.roles.includes(role) && roleMay([role], "registry:export")) as Role[];
  return scopesFor(
    {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      roles,
      areas: user.areas,
      grants: user.grants,
      via: "session",
    },
    "households:read",
  );
}

/** Deletes the files of exports past their time and marks them expired. */
export async function sweepExpiredExports(em: EntityManager, store: ExportStore): Promise<number> {
  const expired = await em.find(RegistryExport, { status: "done", expiresAt: { $lte: new Date() } }, { fields: ["id"] });
  for (const { id } of expired) {
    await rm(exportFilePath(store, id), { force: true });
    await em.nativeUpdate(RegistryExport, { id, status: "done" }, { status: "expired" });
  }
  return expired.length;
}
