import type { EntityManager } from "@mikro-orm/postgresql";
import type { MatchThresholds } from "../matching/match-person";
import { integrateNewHouseholds, type NewHouseholdResult, type NewHouseholdSubmission } from "./new-households";

class RolledBack extends Error {}

/** Previews one more batch of new households, as if every batch previewed before it had been integrated. */
export type PreviewBatch = (incoming: NewHouseholdSubmission[]) => Promise<NewHouseholdResult[]>;

/**
 * What integrating batches of new households one after another would do, with nothing written (issue
 * #19's dry run): the integration's own batch (the one rule set, the registry searched once, in-batch
 * duplicates met) runs in one transaction, rolled back once `body` is done. A copy of the rules for
 * previews would drift from them.
 *
 * One transaction for every batch, not one each: the run integrates a file's households one batch after
 * another, so a household of a later batch meets those of earlier ones in the registry (the same household
 * twice in the file, or a NIN given twice) and waits for review. Each batch rolled back on its own made
 * the dry run count fewer probable duplicates than the run sent to review. `body` does its other work
 * (reading the file, keeping what it found) on its own connection: only the previewed rows stay uncommitted.
 * The transaction holds the NIN locks it took until the end: a field submission naming one of the file's
 * NINs waits for the dry run to end.
 */
export async function previewNewHouseholds<T>(
  em: EntityManager,
  thresholds: MatchThresholds,
  body: (preview: PreviewBatch) => Promise<T>,
): Promise<T> {
  let result: T | undefined;
  try {
    await em.transactional(async (tx) => {
      result = await body(async (incoming) => (incoming.length ? integrateNewHouseholds(tx, incoming, thresholds) : []));
      throw new RolledBack();
    });
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
  }
  return result as T;
}
