import type { FailedJob, FailedJobPage } from "../../schemas/contracts/operations";
import { request } from "../../kit/request";

export type { FailedJob, FailedJobPage };

export function listFailedJobs(limit: number, offset: number, signal?: AbortSignal): Promise<FailedJobPage> {
  return request(`/api/jobs/failed?limit=${limit}&offset=${offset}`, { signal, cache: "no-store" });
}

export function retryJob(job: FailedJob): Promise<FailedJob> {
  return request(`/api/jobs/${encodeURIComponent(job.id)}/retry?queue=${encodeURIComponent(job.queue)}`, { method: "POST" });
}

export function discardJob(job: FailedJob): Promise<FailedJob> {
  return request(`/api/jobs/${encodeURIComponent(job.id)}/discard?queue=${encodeURIComponent(job.queue)}`, { method: "POST" });
}
