import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { IMPORT_QUEUE, JOB_RUN_IMPORT, type RunImportPayload } from "../../schemas/contracts/imports";

/**
 * The queue of import runs (issue #19), apart from integration: a run writes thousands of submissions
 * whose integration jobs must not wait behind it. Each « run » or « resume » adds its own job; two jobs
 * of one import at once only skip each other's households (ids are deterministic, inserts do nothing twice).
 */
export function createImportQueue(connection: Redis, prefix: string) {
  const queue = new Queue<RunImportPayload>(IMPORT_QUEUE, { connection, prefix });
  queue.on("error", () => {});
  return {
    queue,
    enqueue: (importId: string, attempt: string) =>
      queue.add(
        JOB_RUN_IMPORT,
        { importId },
        // A database hiccup retries; the run resumes where its households stopped being written.
        {
          jobId: `${importId}-${attempt}`,
          attempts: 5,
          backoff: { type: "exponential", delay: 2_000 },
          removeOnComplete: true,
          removeOnFail: { age: 30 * 24 * 3600 },
        },
      ),
  };
}

export type ImportQueue = ReturnType<typeof createImportQueue>;
