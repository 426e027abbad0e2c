import type { EntityManager } from "@mikro-orm/postgresql";
import { Job, type Queue } from "bullmq";
import { INTEGRATION_QUEUE } from "../../schemas/contracts/jobs";
import type { FailedJob, FailedJobPage, FailureReason } from "../../schemas/contracts/operations";
import { queryRows } from "../db/plain-sql";
import type { JobQueues } from "../queue/job-queues";
import { problems } from "../problems";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Jobs that failed for good (attempts exhausted or unrecoverable) in the named queues, newest first. */
export async function listFailedJobs(queues: JobQueues, names: readonly string[], limit: number, offset: number): Promise<FailedJobPage> {
  // Each queue's newest `offset + limit` suffice to make the merged page: failed jobs are kept a month.
  const perQueue = await Promise.all(
    names.map(async (name) => {
      const queue = queues.get(name)!;
      const [jobs, total] = await Promise.all([queue.getFailed(0, offset + limit - 1), queue.getFailedCount()]);
      return { items: jobs.filter(Boolean).map((job) => failedJob(name, job)), total };
    }),
  );
  const items = perQueue
    .flatMap((q) => q.items)
    .sort((a, b) => b.failedAt.localeCompare(a.failedAt) || a.id.localeCompare(b.id))
    .slice(offset, offset + limit);
  return { items, total: perQueue.reduce((sum, q) => sum + q.total, 0) };
}

function failedJob(queue: string, job: Job): FailedJob {
  return {
    queue,
    id: job.id!,
    name: job.name,
    submissionId: typeof job.data?.submissionId === "string" ? job.data.submissionId : null,
    reason: failureReason(job.failedReason ?? ""),
    attempts: job.attemptsMade,
    failedAt: new Date(job.finishedOn ?? job.processedOn ?? job.timestamp).toISOString(),
  };
}

/**
 * The code of a failure from BullMQ's stored text, which is never shown: the workers throw unrecoverable
 * payloads as "payload …", database errors reduced to their name and SQLSTATE (api/errors.ts withoutSql).
 */
export function failureReason(text: string): FailureReason {
  if (/^payload\b/.test(text)) return "invalid_payload";
  if (/^unknown job\b/.test(text)) return "unknown_job";
  if (/stalled more than allowable limit/.test(text)) return "stalled";
  const database = /^(?:DatabaseError|\w*Exception)(?: \((\w{5})\))?$/.exec(text);
  if (database) return /^(08|57P0[123])/.test(database[1] ?? "") ? "database_unavailable" : "database_error";
  if (/KnexTimeoutError|Timeout acquiring a connection/.test(text)) return "database_unavailable";
  if (/ECONNREFUSED|ETIMEDOUT|ECONNRESET|Redis|did not answer/.test(text)) return "service_unavailable";
  return "unexpected_error";
}

async function failedJobById(queue: Queue, name: string, id: string): Promise<{ job: Job; before: FailedJob }> {
  const job = await Job.fromId(queue, id);
  if (!job || !(await job.isFailed())) throw problems.jobNotFound();
  return { job, before: failedJob(name, job) };
}

/** Moves a failed job back to the waiting list; its attempts start again. */
export async function retryFailedJob(queue: Queue, name: string, id: string): Promise<FailedJob> {
  const { job, before } = await failedJobById(queue, name, id);
  await job.retry("failed", { resetAttemptsMade: true });
  return before;
}

/**
 * Removes a failed job for good. Refused while the job is what stands for an accepted submission that is
 * not integrated yet (its outbox row is there): nothing accepted may be dropped that way, and the relay
 * would enqueue it again anyway. Such a job is retried, or its submission returned to the clerk.
 */
export async function discardFailedJob(em: EntityManager, queue: Queue, name: string, id: string): Promise<FailedJob> {
  const { job, before } = await failedJobById(queue, name, id);
  if (name === INTEGRATION_QUEUE && before.submissionId && UUID.test(before.submissionId)) {
    const waiting = await queryRows(em, `select 1 from outbox where submission_id = ?`, [before.submissionId]);
    if (waiting.length) throw problems.jobStillNeeded();
  }
  await job.remove();
  return before;
}
