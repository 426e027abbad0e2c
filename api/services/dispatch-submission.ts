import type { EntityManager } from "@mikro-orm/postgresql";
import { OutboxEntry } from "../entities";
import { errorMessage, type Logger } from "../log";
import type { IntegrationQueue } from "../queue/integration-queue";

export interface Dispatch {
  queue: IntegrationQueue;
  logger: Logger;
  /** When the relay should look at a freshly enqueued submission again if it is still not integrated. */
  retryAt(): Date;
}

/**
 * Enqueues committed submissions' integration jobs in one round trip: one job each, or with `together`
 * one job for all (a group commit's batch, issue #22). A failure is never swallowed: it is logged with the
 * submission ids and recorded on their outbox rows, which are made due at once so the relay retries them,
 * one job each.
 */
export async function dispatchSubmissions(
  em: EntityManager,
  dispatch: Dispatch,
  submissionIds: string[],
  { together = false } = {},
): Promise<boolean> {
  if (!submissionIds.length) return true;
  try {
    await (together ? dispatch.queue.enqueueTogether(submissionIds) : dispatch.queue.enqueue(submissionIds));
    return true;
  } catch (error) {
    const message = errorMessage(error);
    dispatch.logger.warn("enqueue_failed_left_to_relay", { submissionIds, error: message });
    await em.fork().nativeUpdate(OutboxEntry, { submissionId: { $in: submissionIds } }, { nextAttemptAt: new Date(), lastError: message });
    return false;
  }
}
