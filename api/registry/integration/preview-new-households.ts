import type { EntityManager } from "@mikro-orm/postgresql";
import type { MatchThresholds } from "../matching/match-person";
import { integrateNewHouseholds, type NewHouseholdResult, type NewHouseholdSubmission } from "./new-households";

class RolledBack extends Error {}

/**
 * What integrating these new households would do, with nothing written (issue #19's dry run): the
 * integration's own batch (the one rule set, the registry searched once, in-batch duplicates met) runs in
 * a transaction that is then rolled back. A copy of the rules for previews would drift from them.
 */
export async function previewNewHouseholds(
  em: EntityManager,
  incoming: NewHouseholdSubmission[],
  thresholds: MatchThresholds,
): Promise<NewHouseholdResult[]> {
  if (!incoming.length) return [];
  let results: NewHouseholdResult[] = [];
  try {
    await em.transactional(async (tx) => {
      results = await integrateNewHouseholds(tx, incoming, thresholds);
      throw new RolledBack();
    });
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
  }
  return results;
}
