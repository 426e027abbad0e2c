import type { FailedJob, FailedJobPage } from "../../schemas/contracts/review";
import { request } from "../../runtime/shared/request";

export type { FailedJobPage };

export function listFailedJobs(limit: number, offset: number, signal?: AbortSignal): Promise<FailedJobPage> {
  return request(`/api/jobs/failed?limit=${limit}&offset=${offset}`, { signal, cache: "no-store" });
}

export function retryJob(id: string): Promise<FailedJob> {
  return request(`/api/jobs/${encodeURIComponent(id)}/retry`, { method: "POST" });
}
