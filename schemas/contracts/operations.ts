/**
 * How the system is doing (issue #23): the figures /metrics exposes to Prometheus and the « Exploitation »
 * page shows the administrator, read in one place (api/services/operations-figures.ts).
 */
import type { ReviewKind } from "./review";

export type ServiceState = "ok" | "unreachable";

export interface QueueFigures {
  queue: string;
  waiting: number;
  active: number;
  delayed: number;
  /** Jobs that failed for good (attempts exhausted or unrecoverable), kept for an administrator. */
  failed: number;
  /** Jobs still to run: waiting, running, delayed for a retry, prioritized. */
  depth: number;
}

export interface OperationsFigures {
  /** When the figures were read (ISO 8601). */
  at: string;
  services: { postgres: ServiceState; redis: ServiceState };
  /** Empty when Redis does not answer. */
  queues: QueueFigures[];
  integration: {
    /** Accepted submissions not integrated yet (outbox rows). */
    outboxRows: number;
    /** Age of the oldest of them, in seconds; 0 when none waits. */
    lagSeconds: number;
  } | null;
  review: {
    /** Open or postponed review items, per kind. */
    backlog: Partial<Record<ReviewKind, number>>;
    total: number;
    /** Age of the oldest of them, in seconds; null when none waits. */
    oldestSeconds: number | null;
  } | null;
  /** This API process's database connections. */
  databasePool: { used: number; free: number; pending: number; max: number };
  /** Seconds since the audit log's latest anchor; null: no anchor yet. */
  auditAnchorAgeSeconds: number | null;
  /** Seconds since the latest backup that was made and verified; null: none yet. */
  backupAgeSeconds: number | null;
}

/**
 * Why a job failed, as a code: the failure's own text may quote data, so it is never shown (issue #23).
 * database_unavailable: PostgreSQL did not answer; database_error: it refused a statement; invalid_payload:
 * the job can never succeed; unknown_job: no worker knows its name; stalled: its worker died too often.
 */
export const FAILURE_REASONS = [
  "invalid_payload",
  "unknown_job",
  "stalled",
  "database_unavailable",
  "database_error",
  "service_unavailable",
  "unexpected_error",
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

/** One job that failed for good; `POST /api/jobs/:id/retry?queue=` re-runs it, `…/discard?queue=` removes it. */
export interface FailedJob {
  queue: string;
  id: string;
  /** The job's name (integrate-submission…). */
  name: string;
  submissionId: string | null;
  reason: FailureReason;
  attempts: number;
  failedAt: string;
}

/** `GET /api/jobs/failed?queue=&limit=&offset=`: one page of failed jobs of every queue (or one), newest first. */
export interface FailedJobPage {
  items: FailedJob[];
  total: number;
}
