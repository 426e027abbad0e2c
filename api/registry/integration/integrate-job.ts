import type { EntityManager } from "@mikro-orm/postgresql";
import type { IntegrateSubmissionPayload } from "../../../schemas/contracts/jobs";
import { errorMessage, type Logger } from "../../log";
import { dispatchSubmissions, type Dispatch } from "../../services/dispatch-submission";
import type { MatchThresholds } from "../matching/match-person";
import { integrateSubmission, type IntegrationOutcome } from "./integrate-submission";

/**
 * An integration job: its submission, then the others of its group commit's batch (issue #22), each as
 * its own job would. Another's failure does not fail this job, whose retries would take every id again
 * and whose failure would name only the first: that submission gets a job of its own (retried with backoff,
 * listed under its id if it fails for good), or, with Redis down too, is left to the outbox relay.
 * Its own failure is thrown once the others have had their turn, so the retry finds them done.
 */
export async function integrateJob(
  em: EntityManager,
  { submissionId, others = [] }: IntegrateSubmissionPayload,
  thresholds: MatchThresholds,
  batchSize: number,
  { dispatch, logger }: { dispatch: Dispatch; logger: Logger },
): Promise<IntegrationOutcome> {
  let own: { outcome: IntegrationOutcome } | { error: unknown };
  try {
    own = { outcome: await integrateSubmission(em, { submissionId }, thresholds, batchSize) };
  } catch (error) {
    own = { error };
  }
  for (const other of others) {
    // A fork each: a failed transaction leaves nothing behind for the next submission.
    const fork = em.fork();
    try {
      await integrateSubmission(fork, { submissionId: other }, thresholds, batchSize);
    } catch (error) {
      logger.warn("integration_failed_own_job", { submissionId: other, error: errorMessage(error) });
      await dispatchSubmissions(fork, dispatch, [other]);
    }
  }
  if ("error" in own) throw own.error;
  return own.outcome;
}
