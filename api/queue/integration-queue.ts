import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { INTEGRATION_QUEUE, JOB_INTEGRATE_SUBMISSION, type IntegrateSubmissionPayload } from "../../schemas/contracts/jobs";

/** How long the API waits for Redis before leaving a job to the outbox relay. */
const ENQUEUE_TIMEOUT_MS = 2_000;

export interface IntegrationQueue {
  /** Adds the integration job of a submission; job id = submission id, so adding twice is a no-op. */
  enqueue(submissionId: string): Promise<void>;
  readonly queue: Queue;
  close(): Promise<void>;
}

export function createIntegrationQueue(connection: Redis, prefix: string): IntegrationQueue {
  const queue = new Queue<IntegrateSubmissionPayload>(INTEGRATION_QUEUE, { connection, prefix });
  // Connection errors surface through enqueue's rejection; the event itself needs a listener.
  queue.on("error", () => {});
  return {
    queue,
    async enqueue(submissionId) {
      await withTimeout(
        queue.add(
          JOB_INTEGRATE_SUBMISSION,
          { submissionId },
          {
            jobId: submissionId,
            attempts: 10,
            backoff: { type: "exponential", delay: 1_000 },
            // Completed jobs are removed so that Redis does not fill up (STACK.md trap 15); failed ones stay
            // a month so that administrators can see and retry them.
            removeOnComplete: true,
            removeOnFail: { age: 30 * 24 * 3600 },
          },
        ),
        ENQUEUE_TIMEOUT_MS,
      );
    },
    // With Redis down, BullMQ waits for a connection forever: shutting down must not.
    close: () => withTimeout(queue.close(), ENQUEUE_TIMEOUT_MS).catch(() => undefined),
  };
}

export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
