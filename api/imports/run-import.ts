import type { EntityManager } from "@mikro-orm/postgresql";
import type { ImportStatus } from "../../schemas/contracts/imports";
import { auditActor, type Actor } from "../auth/actor";
import { recordAudit, recordAudits } from "../audit/record-audit";
import { queryRows } from "../db/plain-sql";
import { DataImport } from "../entities";
import { insertOutboxRows, insertSubmissions } from "../repositories/submission-batch.repository";
import { dispatchSubmissions, type Dispatch } from "../services/dispatch-submission";
import { contentHash } from "../services/hash";
import { importProblems } from "./import-problems";

const BATCH = 500;

/**
 * Runs a checked import (issue #19): each household the dry run found importable becomes a submission
 * with its deterministic id, written with its outbox row in one transaction per batch and handed to the
 * integration queue after commit, exactly as a clerk's: the same worker validates, matches and merges
 * it. An id already there is left alone (insert … on conflict do nothing), so running again, resuming
 * after a pause or a crash, or importing the same delivery twice never doubles anything. Between batches
 * the import's status is read again: « pause » and « cancel » stop the run there.
 */
export async function runImport(
  em: EntityManager,
  importId: string,
  actor: Actor,
  address: string | null,
  dispatch: Dispatch,
): Promise<ImportStatus> {
  const by = auditActor(actor, address);
  await em.transactional(async (tx) => {
    const [found] = await queryRows<{ status: ImportStatus }>(tx, `select status from imports where id = ? for update`, [importId]);
    if (!found) throw importProblems.importNotFound();
    if (!["checked", "paused", "running"].includes(found.status)) throw importProblems.wrongStatus(found.status, ["checked", "paused"]);
    await queryRows(tx, `update imports set status = 'running', updated_at = now() where id = ?`, [importId]);
    await recordAudit(tx, by, { action: "import.run", entityType: "import", entityId: importId });
  });
  const found = (await em.fork().findOne(DataImport, importId))!;
  const profile = found.profile!;
  const [version] = await queryRows<{ id: number }>(em, `select id from form_versions where form_id = ? and version = ?`, [
    profile.formId,
    profile.version,
  ]);
  let after = "";
  for (;;) {
    const [current] = await queryRows<{ status: ImportStatus }>(em, `select status from imports where id = ?`, [importId]);
    if (current?.status !== "running") return current!.status;
    const page = await queryRows<{
      household_key: string;
      submission_id: string;
      data: Record<string, unknown>;
      household_id: string | null;
      base_version: number | null;
    }>(
      em,
      `select household_key, submission_id, data, household_id, base_version from import_households
        where import_id = ? and outcome in ('new', 'update', 'duplicate') and household_key > ? order by household_key limit ${BATCH}`,
      [importId, after],
    );
    if (!page.length) break;
    after = page[page.length - 1]!.household_key;
    const rows = page.map((h) => {
      const target = h.household_id ? { householdId: h.household_id, baseVersion: h.base_version! } : null;
      return {
        id: h.submission_id,
        formVersionId: version!.id,
        data: h.data,
        contentHash: contentHash({ formId: profile.formId, version: profile.version, data: h.data, ...target }),
        submittedBy: actor.userId,
        commune: typeof h.data.commune === "string" ? h.data.commune : null,
        householdId: target?.householdId ?? null,
        baseVersion: target?.baseVersion ?? null,
      };
    });
    const inserted = await em.transactional(async (tx) => {
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
      return ids;
    });
    await dispatchSubmissions(em, dispatch, inserted);
  }
  await em.transactional(async (tx) => {
    const [done] = await queryRows<{ id: string }>(
      tx,
      `update imports set status = 'done', updated_at = now() where id = ? and status = 'running' returning id`,
      [importId],
    );
    if (done) await recordAudit(tx, by, { action: "import.done", entityType: "import", entityId: importId });
  });
  const [final] = await queryRows<{ status: ImportStatus }>(em, `select status from imports where id = ?`, [importId]);
  return final!.status;
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
export async function importProgress(em: EntityManager, importId: string) {
  const [found] = await queryRows<{ status: ImportStatus }>(em, `select status from imports where id = ?`, [importId]);
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
  return { status: found.status, planned, submitted, stages };
}

/** Where a registry change made by an import came from: the import, its profile, the source household and its lines. */
export async function importProvenance(em: EntityManager, submissionId: string) {
  const [row] = await queryRows<{
    import_id: string;
    profile_id: string | null;
    profile_name: string | null;
    delivery: string;
    household_key: string;
    lines: number[];
  }>(
    em,
    `select ih.import_id, i.profile_id, i.profile->>'name' as profile_name, i.delivery, ih.household_key, ih.lines
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
    lines: row.lines,
  };
}
