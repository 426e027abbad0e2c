import type { EntityManager } from "@mikro-orm/postgresql";
import type { ImportProgress, ImportSourceFile, ImportStatus } from "../../schemas/contracts/imports";
import { auditActor, type Actor } from "../auth/actor";
import { recordAudit, recordAudits, type AuditActor } from "../audit/record-audit";
import { queryRows } from "../db/plain-sql";
import { DataImport } from "../entities";
import { errorMessage, type Logger } from "../log";
import type { ImportQueue } from "../queue/import-queue";
import { insertOutboxRows, insertSubmissions } from "../repositories/submission-batch.repository";
import { dispatchSubmissions, type Dispatch } from "../services/dispatch-submission";
import { contentHash } from "../services/hash";
import { problems } from "../problems";
import { importProblems } from "./import-problems";

const BATCH = 500;

/**
 * « Run » or « resume » (issue #19): marks the checked or paused import running in the name of who asked,
 * and queues its job after the commit. Redis unreachable: the import goes back to paused, nothing half-done.
 */
export async function startImportRun(
  em: EntityManager,
  importId: string,
  actor: Actor,
  address: string | null,
  queue: ImportQueue,
  logger: Logger,
): Promise<void> {
  const attempt = await em.transactional(async (tx) => {
    const [found] = await queryRows<{ status: ImportStatus }>(tx, `select status from imports where id = ? for update`, [importId]);
    if (!found) throw importProblems.importNotFound();
    if (!["checked", "paused"].includes(found.status)) throw importProblems.wrongStatus(found.status, ["checked", "paused"]);
    const [row] = await queryRows<{ at: Date }>(
      tx,
      `update imports set status = 'running', run_by = ?, run_started_at = coalesce(run_started_at, now()), updated_at = now()
        where id = ? returning updated_at as at`,
      [actor.userId, importId],
    );
    await recordAudit(tx, auditActor(actor, address), { action: "import.run", entityType: "import", entityId: importId });
    return String(new Date(row!.at).getTime());
  });
  try {
    await queue.enqueue(importId, attempt);
  } catch (error) {
    logger.warn("import_enqueue_failed", { importId, error: errorMessage(error) });
    await queryRows(em, `update imports set status = 'paused', updated_at = now() where id = ? and status = 'running'`, [importId]);
    throw problems.serviceUnavailable({ redis: "unreachable" });
  }
}

/**
 * The run's job: each household the dry run found importable becomes a submission with its deterministic
 * id, written with its outbox row in one transaction per batch and handed to the integration queue after
 * commit, exactly as a clerk's. Households already written are skipped and inserts do nothing twice, so a
 * job resumed after a pause, a retry or a killed worker goes on where the last committed batch stopped.
 * Each batch reads the import's status under a share lock: « pause » and « cancel » take effect between batches.
 */
export async function runImportJob(em: EntityManager, importId: string, dispatch: Dispatch): Promise<ImportStatus> {
  const found = await em.fork().findOne(DataImport, importId);
  if (!found) return "cancelled";
  const profile = found.profile!;
  const [version] = await queryRows<{ id: number }>(em, `select id from form_versions where form_id = ? and version = ?`, [
    profile.formId,
    profile.version,
  ]);
  const [user] = await queryRows<{ username: string }>(em, `select username from users where id = ?`, [found.runBy]);
  const by: AuditActor = { id: found.runBy ?? null, name: user?.username ?? "import", address: null };
  let after = "";
  for (;;) {
    const batch = await em.transactional(async (tx) => {
      const [current] = await queryRows<{ status: ImportStatus }>(tx, `select status from imports where id = ? for share`, [importId]);
      if (current?.status !== "running") return { stopped: current?.status ?? ("cancelled" as const), ids: [] };
      const page = await queryRows<{
        household_key: string;
        submission_id: string;
        data: Record<string, unknown>;
        household_id: string | null;
        base_version: number | null;
      }>(
        tx,
        `select household_key, submission_id, data, household_id, base_version from import_households ih
          where import_id = ? and outcome in ('new', 'update', 'duplicate') and household_key > ?
            and not exists (select 1 from submissions s where s.id = ih.submission_id)
          order by household_key limit ${BATCH}`,
        [importId, after],
      );
      if (!page.length) return { stopped: null, ids: null };
      after = page[page.length - 1]!.household_key;
      const rows = page.map((h) => {
        const target = h.household_id ? { householdId: h.household_id, baseVersion: h.base_version! } : null;
        return {
          id: h.submission_id,
          formVersionId: version!.id,
          data: h.data,
          contentHash: contentHash({ formId: profile.formId, version: profile.version, data: h.data, ...target }),
          submittedBy: found.runBy!,
          commune: typeof h.data.commune === "string" ? h.data.commune : null,
          householdId: target?.householdId ?? null,
          baseVersion: target?.baseVersion ?? null,
        };
      });
      const ids = [...(await insertSubmissions(tx, rows))];
      await insertOutboxRows(tx, ids, dispatch.retryAt());
      // Ids and codes only (DESIGN.md rule 3): the source key may be a partner's person number.
      await recordAudits(
        tx,
        by,
        ids.map((id) => ({
          action: "submission.create",
          entityType: "submission",
          entityId: id,
          details: { importId, formId: profile.formId, version: profile.version },
        })),
      );
      return { stopped: null, ids };
    });
    if (batch.stopped) return batch.stopped;
    if (!batch.ids) break;
    await dispatchSubmissions(em, dispatch, batch.ids);
  }
  return em.transactional(async (tx) => {
    const [done] = await queryRows<{ id: string }>(
      tx,
      `update imports set status = 'done', run_finished_at = now(), updated_at = now() where id = ? and status = 'running' returning id`,
      [importId],
    );
    if (done) await recordAudit(tx, by, { action: "import.done", entityType: "import", entityId: importId });
    const [final] = await queryRows<{ status: ImportStatus }>(tx, `select status from imports where id = ?`, [importId]);
    return final!.status;
  });
}

/** Pause (running → paused) or cancel (anything not done → cancelled); submissions already written go on through the pipeline. */
export async function stopImport(
  em: EntityManager,
  importId: string,
  to: "paused" | "cancelled",
  actor: Actor,
  address: string | null,
): Promise<void> {
  const from: ImportStatus[] = to === "paused" ? ["running"] : ["uploaded", "checked", "running", "paused"];
  await em.transactional(async (tx) => {
    const [found] = await queryRows<{ status: ImportStatus }>(tx, `select status from imports where id = ? for update`, [importId]);
    if (!found) throw importProblems.importNotFound();
    if (!from.includes(found.status)) throw importProblems.wrongStatus(found.status, from);
    await queryRows(tx, `update imports set status = ?, updated_at = now() where id = ?`, [to, importId]);
    await recordAudit(tx, auditActor(actor, address), {
      action: to === "paused" ? "import.pause" : "import.cancel",
      entityType: "import",
      entityId: importId,
    });
  });
}

/** How far the import's households have gone through the pipeline: written, and by integration stage. */
export async function importProgress(em: EntityManager, importId: string): Promise<ImportProgress> {
  const [found] = await queryRows<{ status: ImportStatus; run_started_at: Date | null; run_finished_at: Date | null }>(
    em,
    `select status, run_started_at, run_finished_at from imports where id = ?`,
    [importId],
  );
  if (!found) throw importProblems.importNotFound();
  const rows = await queryRows<{ stage: string | null; count: string }>(
    em,
    `select s.status as stage, count(*) from import_households ih left join submissions s on s.id = ih.submission_id
      where ih.import_id = ? and ih.outcome in ('new', 'update', 'duplicate') group by s.status`,
    [importId],
  );
  const stages: Record<string, number> = {};
  let planned = 0;
  for (const { stage, count } of rows) {
    planned += Number(count);
    if (stage) stages[stage] = Number(count);
  }
  const submitted = Object.values(stages).reduce((a, b) => a + b, 0);
  const at = (date: Date | null) => (date ? new Date(date).toISOString() : null);
  return { status: found.status, planned, submitted, stages, startedAt: at(found.run_started_at), finishedAt: at(found.run_finished_at) };
}

/**
 * The files an imported household came from (`imports i`, `import_households ih`), households file first, each
 * with its name and the household's lines in it: SQL, for provenance.
 */
export const IMPORT_SOURCE_FILES = `(select coalesce(jsonb_agg(jsonb_build_object('role', f.role, 'name', i.files->f.role->>'name', 'lines', ih.lines->f.role) order by f.n), '[]'::jsonb)
   from unnest(array['households', 'individuals']) with ordinality f(role, n) where ih.lines->f.role is not null)`;

/** Where a registry change made by an import came from: the import, its profile, the source household and its files' lines. */
export async function importProvenance(em: EntityManager, submissionId: string) {
  const [row] = await queryRows<{
    import_id: string;
    profile_id: string | null;
    profile_name: string | null;
    delivery: string;
    files: ImportSourceFile[];
    household_key: string;
  }>(
    em,
    `select ih.import_id, i.profile_id, i.profile->>'name' as profile_name, i.delivery, ${IMPORT_SOURCE_FILES} as files, ih.household_key
       from import_households ih join imports i on i.id = ih.import_id where ih.submission_id = ? order by i.created_at limit 1`,
    [submissionId],
  );
  if (!row) throw importProblems.importNotFound();
  return {
    importId: row.import_id,
    profileId: row.profile_id,
    profileName: row.profile_name,
    delivery: row.delivery,
    householdKey: row.household_key,
    files: row.files,
  };
}
