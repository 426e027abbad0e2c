import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { HouseholdVersion } from "../../entities";
import type { ReviewDecision } from "../../../schemas/contracts/review";
import { diffHouseholdStates } from "./household-diff";
import { readHouseholdState, type HouseholdState } from "./household-state";

/** Where a change came from. */
export interface Provenance {
  action: "create" | "update" | "merge" | "unmerge" | "move" | "import_undo" | "withdraw";
  submissionId?: string | null;
  formId?: string | null;
  formVersion?: number | null;
  by?: string | null;
  reviewItemId?: string | null;
  /** A reviewer's decision behind the change, and their comment. */
  decision?: ReviewDecision | null;
  comment?: string | null;
}

/**
 * Records the household's state after a change as version `version` (the caller has set
 * households.version and flushed, inside the transaction that made the change). The unique
 * (household, version) and unique submission_id make a lost update or a double application fail the
 * transaction instead of passing silently.
 */
export async function recordVersion(
  em: EntityManager,
  householdId: string,
  version: number,
  before: HouseholdState | null,
  provenance: Provenance,
) {
  const after = await readHouseholdState(em, householdId);
  // A plain insert: nothing else in the transaction refers to the version row.
  await em.insert(HouseholdVersion, versionRow(householdId, version, before, provenance, after));
  return after;
}

/** The row of version `version` (a batch inserts those of its new households together). */
export function versionRow(
  householdId: string,
  version: number,
  before: HouseholdState | null,
  provenance: Provenance,
  after: HouseholdState,
) {
  return {
    id: randomUUID(),
    household: householdId,
    version,
    state: after as unknown as Record<string, unknown>,
    changes: before ? diffHouseholdStates(before, after) : [],
    action: provenance.action,
    submissionId: provenance.submissionId ?? null,
    formId: provenance.formId ?? null,
    formVersion: provenance.formVersion ?? null,
    by: provenance.by ?? null,
    reviewItemId: provenance.reviewItemId ?? null,
    decision: provenance.decision ?? null,
    comment: provenance.comment ?? null,
    createdAt: new Date(),
  };
}
