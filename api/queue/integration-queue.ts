import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { INTEGRATION_QUEUE, JOB_INTEGRATE_SUBMISSION, type IntegrateSubmissionPayload } from "../../schemas/contracts/jobs";

/** How long the API waits for Redis before leaving a job to the outbox relay. */
const ENQUEUE_TIMEOUT_MS = 2_000;

export interface IntegrationQueue {
  /**
   * Adds the integration jobs of submissions in one round trip (BullMQ's addBulk); job id = submission id,
   * so adding twice is a no-op.
   */
  enqueue(submissionIds: string[]): Promise<void>;
  /**
   * Adds one job for submissions written together (group commit, issue #22), named by the first id in
   * order and carrying the others: one job instead of one each, for the API's and Redis's CPU alike.
   */
  enqueueTogether(submissionIds: string[]): Promise<void>;
  readonly queue: Queue;
  close(): Promise<void>;
}

const JOB_OPTIONS = {
  attempts: 10,
  backoff: { type: "exponential", delay: 1_000 },
  // Completed jobs are removed so that Redis does not fill up (STACK.md trap 15); failed ones stay a month so
  // that administrators can see and retry them.
  removeOnComplete: true,
  removeOnFail: { age: 30 * 24 * 3600 },
};

export function createIntegrationQueue(connection: Redis, prefix: string): IntegrationQueue {
  const queue = new Queue<IntegrateSubmissionPayload>(INTEGRATION_QUEUE, { connection, prefix });
  // Connection errors surface through enqueue's rejection; the event itself needs a listener.
  queue.on("error", () => {});
  return {
    queue,
    async enqueue(submissionIds) {
      if (!submissionIds.length) return;
      await withTimeout(
        queue.addBulk(
          submissionIds.map((submissionId) => ({
            name: JOB_INTEGRATE_SUBMISSION,
            data: { submissionId },
            opts: { ...JOB_OPTIONS, jobId: submissionId },
          })),
        ),
        ENQUEUE_TIMEOUT_MS,
      );
    },
    async enqueueTogether(submissionIds) {
      if (!submissionIds.length) return;
      const [submissionId, ...others] = [...submissionIds].sort();
      const data = others.length ? { submissionId: submissionId!, others } : { submissionId: submissionId! };
      await withTimeout(queue.add(JOB_INTEGRATE_SUBMISSION, data, { ...JOB_OPTIONS, jobId: submissionId }), ENQUEUE_TIMEOUT_MS);
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
