import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { INTEGRATION_QUEUE, JOB_QUEUES } from "../../schemas/contracts/jobs";
import type { IntegrationQueue } from "./integration-queue";

/** Every queue the workers serve, by name, for reading their counts and their failed jobs (issue #23). */
export type JobQueues = ReadonlyMap<string, Queue>;

/** The integration queue is the producer's own; the others share its Redis connection. */
export function jobQueues(integration: IntegrationQueue, redis: Redis, prefix: string): JobQueues {
  return new Map(
    JOB_QUEUES.map((name) => {
      if (name === INTEGRATION_QUEUE) return [name, integration.queue];
      const queue = new Queue(name, { connection: redis, prefix });
      queue.on("error", () => {});
      return [name, queue];
    }),
  );
}
