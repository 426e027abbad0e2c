import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { EXPORT_QUEUE, JOB_EXPORT_REGISTRY, type ExportRegistryPayload } from "../../schemas/contracts/exports";

/**
 * The queue of registry exports (issue #17), apart from integration so that a long export never holds a
 * slot a submission waits for. Job id = export id: adding twice is a no-op.
 */
export function createExportQueue(connection: Redis, prefix: string) {
  const queue = new Queue<ExportRegistryPayload>(EXPORT_QUEUE, { connection, prefix });
  // Connection errors surface through add's rejection; the event itself needs a listener.
  queue.on("error", () => {});
  return {
    queue,
    enqueue: (exportId: string) =>
      queue.add(
        JOB_EXPORT_REGISTRY,
        { exportId },
        // One attempt: a failed export is marked failed on its row and the analyst asks again.
        { jobId: exportId, attempts: 1, removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 } },
      ),
  };
}

export type ExportQueue = ReturnType<typeof createExportQueue>;
