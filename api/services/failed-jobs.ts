import { Job } from "bullmq";
import type { FailedJob, FailedJobPage } from "../../schemas/contracts/review";
import type { IntegrationQueue } from "../queue/integration-queue";
import { problems } from "../problems";

/** Integration jobs that failed for good (attempts exhausted or unrecoverable), newest first. */
export async function listFailedJobs(queue: IntegrationQueue, limit: number, offset: number): Promise<FailedJobPage> {
  const [jobs, total] = await Promise.all([queue.queue.getFailed(offset, offset + limit - 1), queue.queue.getFailedCount()]);
  return { items: jobs.filter(Boolean).map(failedJob), total };
}

function failedJob(job: Job): FailedJob {
  return {
    id: job.id!,
    submissionId: typeof job.data?.submissionId === "string" ? job.data.submissionId : null,
    error: job.failedReason ?? "",
    attempts: job.attemptsMade,
    failedAt: new Date(job.finishedOn ?? job.processedOn ?? job.timestamp).toISOString(),
  };
}

/** Moves a failed job back to the waiting list; its attempts start again. */
export async function retryFailedJob(queue: IntegrationQueue, id: string): Promise<FailedJob> {
  const job = await Job.fromId(queue.queue, id);
  if (!job || !(await job.isFailed())) throw problems.jobNotFound();
  const before = failedJob(job);
  await job.retry("failed", { resetAttemptsMade: true });
  return before;
}
