import type { EntityManager } from "@mikro-orm/postgresql";
import { type ImportStatus, UNDOABLE_IMPORT_STATUSES } from "../../schemas/contracts/imports";
import { auditActor, type Actor } from "../auth/actor";
import { recordAudit } from "../audit/record-audit";
import { insertRows, queryRows, sqlArray, updateRows } from "../db/plain-sql";
import { Household, HouseholdVersion } from "../entities";
import { readHouseholdState } from "../registry/households/household-state";
import { versionRow } from "../registry/households/household-versions";
import { lockHouseholds } from "../registry/households/locks";
import { undoMerge } from "../registry/households/merge-persons";
import { restoreVersionBefore } from "../registry/households/undo-household-merge";
import type { UndoneImport } from "../../schemas/contracts/imports";
import { importProblems } from "./import-problems";

/**
 * Undoes an import's run (issue #19) in one transaction, each change a new version so that history keeps
 * everything: a household the import created is withdrawn (its members leave, its row stays, it counts no
 * more); one it updated or was merged into gets back what those versions changed, merged value by value with
 * what it became since (restoreVersionBefore, as the undo of a merge). Review items its households opened
 * are closed, and its held submissions rejected. Refused while any of its submissions is still being integrated.
 */
export async function undoImport(em: EntityManager, importId: string, actor: Actor, address: string | null): Promise<UndoneImport> {
  return em.transactional(async (tx) => {
    const [found] = await queryRows<{ status: ImportStatus; run_started_at: Date | null }>(
      tx,
      `select status, run_started_at from imports where id = ? for update`,
      [importId],
    );
    if (!found) throw importProblems.importNotFound();
    if (found.status === "undone") throw importProblems.alreadyUndone();
    if (!UNDOABLE_IMPORT_STATUSES.includes(found.status) || !found.run_started_at)
      throw importProblems.wrongStatus(found.status, UNDOABLE_IMPORT_STATUSES);
    const submissions = `select submission_id from import_households where import_id = ?`;
    const [pending] = await queryRows<{ n: number }>(
      tx,
      `select count(*)::int as n from submissions where id in (${submissions}) and status in ('received', 'valid')`,
      [importId],
    );
    if (pending!.n) throw importProblems.stillIntegrating(pending!.n);

    // A supervisor's « same » on one of its review items moved a registry person into its household: they go
    // back first, with their own person id, before that household is withdrawn (and its members with it).
    const merges = await queryRows<{ id: string; kind: "person" | "household" }>(
      tx,
      `select m.id, m.kind from merges m join review_items r on r.id = m.review_item_id
        where m.undone_at is null and r.submission_id in (${submissions}) order by m.created_at desc`,
      [importId],
    );
    for (const merge of merges) {
      if (merge.kind === "person") await undoMerge(tx, merge.id, actor.userId);
      // A household merge's version carries the import's submission: restored below with the others.
      else await queryRows(tx, `update merges set undone_at = now(), undone_by = ? where id = ?`, [actor.userId, merge.id]);
    }
    const touched = await queryRows<{ household_id: string; created: boolean; versions: number[] }>(
      tx,
      `select v.household_id, bool_or(h.source_submission_id = v.submission_id) as created, array_agg(v.version order by v.version desc) as versions
         from household_versions v join households h on h.id = v.household_id
        where v.submission_id in (${submissions}) and h.withdrawn_at is null group by v.household_id order by v.household_id`,
      [importId],
    );
    await lockHouseholds(
      tx,
      touched.map((t) => t.household_id),
    );
    const provenance = { by: actor.userId, comment: `import ${importId}` };
    let withdrawn = 0;
    for (const t of touched) {
      if (t.created) {
        await withdrawHousehold(tx, t.household_id, { action: "withdraw", ...provenance });
        withdrawn += 1;
      } else {
        // Latest first: each undo restores what its version replaced, on top of what the household is now.
        for (const version of t.versions) await restoreVersionBefore(tx, t.household_id, version, { action: "import_undo", ...provenance });
      }
    }
    const ninMoves = await returnNinHolders(tx, importId, submissions, provenance);
    // The doubts its households raised, and the households it held for a decision, need no decision any more.
    const closed = await queryRows<{ id: string }>(
      tx,
      `update review_items set status = 'decided', decided_by = ?, decided_at = now(), comment = ?
        where status <> 'decided' and (submission_id in (${submissions}) or household_id = any(?::uuid[])) returning id`,
      [actor.userId, "Import défait / import undone", importId, sqlArray(touched.filter((t) => t.created).map((t) => t.household_id))],
    );
    await queryRows(
      tx,
      `update submissions set status = 'rejected', reasons = ?::jsonb where id in (${submissions}) and status = 'needs_review'`,
      [JSON.stringify([{ rule: "import_undone", message: { fr: "L'import a été défait.", en: "The import was undone." } }]), importId],
    );
    await queryRows(tx, `update imports set status = 'undone', undone_by = ?, undone_at = now(), updated_at = now() where id = ?`, [
      actor.userId,
      importId,
    ]);
    const result = {
      withdrawn,
      restored: touched.length - withdrawn,
      closedReviews: closed.length,
      movesUndone: merges.filter((m) => m.kind === "person").length + ninMoves,
    };
    await recordAudit(tx, auditActor(actor, address), { action: "import.undo", entityType: "import", entityId: importId, details: result });
    return result;
  });
}

/**
 * A household the undone import created leaves the registry: its members' rows go, its last version records
 * it without them (the versions before keep them), and withdrawn_at keeps it out of lists and counts.
 */
async function withdrawHousehold(tx: EntityManager, householdId: string, provenance: { action: "withdraw"; by: string; comment: string }) {
  const before = await readHouseholdState(tx, householdId);
  const [row] = await queryRows<{ version: number }>(tx, `select version from households where id = ?`, [householdId]);
  const version = row!.version + 1;
  await queryRows(tx, `delete from individuals where household_id = ?`, [householdId]);
  await updateRows(tx, Household, [{ id: householdId, version, withdrawnAt: new Date(), updatedAt: new Date() }]);
  await insertRows(tx, HouseholdVersion, [versionRow(householdId, version, before, provenance, { ...before, members: [] })]);
}

/**
 * A roster held for a NIN that a supervisor let in (« same », moveHoldersOut) took the NIN's holders out of
 * their households, with no merge to undo: each of those households gets back the members it lost, once
 * the import's own households no longer hold them (the NIN is free again).
 */
async function returnNinHolders(tx: EntityManager, importId: string, submissions: string, provenance: { by: string; comment: string }) {
  const left = await queryRows<{ household_id: string; version: number }>(
    tx,
    `select v.household_id, v.version from household_versions v join review_items r on r.id = v.review_item_id
      where r.submission_id in (${submissions}) and r.merge_id is null and v.action = 'move' and v.submission_id is null
      order by v.household_id, v.version desc`,
    [importId],
  );
  await lockHouseholds(tx, [...new Set(left.map((l) => l.household_id))]);
  for (const l of left) await restoreVersionBefore(tx, l.household_id, l.version, { action: "import_undo", ...provenance });
  return left.length;
}
