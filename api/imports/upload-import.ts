import { createHash, randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { ImportFileRole, ImportView } from "../../schemas/contracts/imports";
import { auditActor, type Actor } from "../auth/actor";
import { recordAudit } from "../audit/record-audit";
import { queryRows } from "../db/plain-sql";
import { DataImport } from "../entities";
import { importProblems } from "./import-problems";
import { receiveFile } from "./receive-file";
import { SOURCE_FORMATS, type SourceFormat } from "./sources/source-file";
import { stageFile } from "./stage-file";

/** A partner's file may be large; it is streamed to disk, then row by row into the database. */
export const MAX_IMPORT_BYTES = 1024 * 1024 * 1024;

export interface Upload {
  body: ReadableStream<Uint8Array> | null;
  name: string;
  format?: string;
  /** The administrator's name for this delivery; by default the files' own hash, so the same files are the same delivery. */
  delivery?: string;
}

/**
 * Receives the households file (or the one file) as a new import, or the individuals file of an import
 * not yet run. The rows are staged in one transaction with the import's audit row: a file that turns out
 * unreadable halfway leaves nothing behind.
 */
export async function uploadImportFile(
  em: EntityManager,
  actor: Actor,
  address: string | null,
  role: ImportFileRole,
  upload: Upload,
  importId?: string,
): Promise<ImportView> {
  const format = formatOf(upload);
  const existing = importId ? await em.fork().findOne(DataImport, importId) : null;
  if (importId && !existing) throw importProblems.importNotFound();
  if (existing && !["uploaded", "checked"].includes(existing.status))
    throw importProblems.wrongStatus(existing.status as never, ["uploaded", "checked"]);
  const file = await receiveFile(upload.body, MAX_IMPORT_BYTES, format);
  try {
    const id = existing?.id ?? randomUUID();
    await em.transactional(async (tx) => {
      if (!existing) {
        await queryRows(
          tx,
          `insert into imports (id, status, delivery, files, created_by, created_at, updated_at) values (?, 'uploaded', '', '{}', ?, now(), now())`,
          [id, actor.userId],
        );
      } else {
        // A file sent again replaces the earlier one; what the dry run found of them is void.
        await queryRows(tx, `delete from import_rows where import_id = ? and file = ?`, [id, role]);
        await queryRows(tx, `delete from import_households where import_id = ?`, [id]);
      }
      const info = await stageFile(tx, id, role, { path: file.path, sha256: file.sha256, name: upload.name, format });
      const files = { ...(existing?.files ?? {}), [role]: info };
      const delivery = upload.delivery ?? (existing && !existing.delivery.startsWith("sha256:") ? existing.delivery : hashDelivery(files));
      await queryRows(
        tx,
        `update imports set files = ?::jsonb, delivery = ?, status = 'uploaded', summary = null, updated_at = now() where id = ?`,
        [JSON.stringify(files), delivery, id],
      );
      await recordAudit(tx, auditActor(actor, address), {
        action: "import.upload",
        entityType: "import",
        entityId: id,
        details: { role, format, rows: info.rows, sha256: info.sha256 },
      });
    });
    return importView(em, id);
  } finally {
    await file.discard();
  }
}

/** The delivery named after its files: the same files give the same submission ids. */
function hashDelivery(files: Partial<Record<ImportFileRole, { sha256: string }>>): string {
  const hash = createHash("sha256")
    .update(`${files.households?.sha256 ?? ""}:${files.individuals?.sha256 ?? ""}`)
    .digest("hex");
  return `sha256:${hash.slice(0, 40)}`;
}

function formatOf(upload: Upload): SourceFormat {
  const format = (upload.format ?? upload.name.split(".").pop() ?? "").toLowerCase();
  if (!(SOURCE_FORMATS as readonly string[]).includes(format)) throw importProblems.unknownFormat();
  return format as SourceFormat;
}

export async function importView(em: EntityManager, id: string): Promise<ImportView> {
  const found = await em.fork().findOne(DataImport, id);
  if (!found) throw importProblems.importNotFound();
  return viewOf(found);
}

function viewOf(found: DataImport): ImportView {
  return {
    id: found.id,
    status: found.status as ImportView["status"],
    delivery: found.delivery,
    profileId: found.profileId ?? null,
    files: found.files,
    summary: found.summary ?? null,
    createdAt: found.createdAt.toISOString(),
  };
}

export async function listImports(em: EntityManager): Promise<ImportView[]> {
  return (await em.fork().find(DataImport, {}, { orderBy: { createdAt: "desc" }, limit: 100 })).map(viewOf);
}
