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
 * Enqueues a committed submission's integration job. A failure is never swallowed: it is logged with the
 * submission id and recorded on the outbox row, which is made due at once so the relay retries it.
 */
export async function dispatchSubmission(em: EntityManager, dispatch: Dispatch, submissionId: string): Promise<boolean> {
  try {
    await dispatch.queue.enqueue(submissionId);
    return true;
  } catch (error) {
    const message = errorMessage(error);
    dispatch.logger.warn("enqueue_failed_left_to_relay", { submissionId, error: message });
    await em.fork().nativeUpdate(OutboxEntry, { submissionId }, { nextAttemptAt: new Date(), lastError: message });
    return false;
  }
}
