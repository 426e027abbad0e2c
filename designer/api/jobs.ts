import type { FailedJob } from "../../schemas/contracts/review";
import { request } from "../../runtime/shared/request";

/** `GET /api/jobs/failed` serves a page (the contract's FailedJob[] wrapped with its total). */
export interface FailedJobPage {
  items: FailedJob[];
  total: number;
}

export function listFailedJobs(limit: number, offset: number, signal?: AbortSignal): Promise<FailedJobPage> {
  return request(`/api/jobs/failed?limit=${limit}&offset=${offset}`, { signal, cache: "no-store" });
}

export function retryJob(id: string): Promise<FailedJob> {
  return request(`/api/jobs/${encodeURIComponent(id)}/retry`, { method: "POST" });
}
