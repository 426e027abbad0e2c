import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { OperationsFigures } from "../../schemas/contracts/operations";
import { REVIEW_KINDS } from "../../schemas/contracts/review";

export type SubmissionOutcome = "accepted" | "resent" | "invalid" | "rejected";

/**
 * The API process's Prometheus metrics (issue #23), in a registry of its own (tests build several apps in
 * one process). Counters and the request histogram are fed as requests pass; the gauges are set from the
 * operations figures just before each scrape. Unknown now (its service does not answer): NaN; never
 * happened (no anchor, no backup yet): +Inf, so that an alert on an age fires.
 */
export interface AppMetrics {
  registry: Registry;
  observeRequest(labels: { method: string; route: string; status: number }, seconds: number): void;
  countSubmission(outcome: SubmissionOutcome): void;
  setFigures(figures: OperationsFigures): void;
}

const PREFIX = "rsu_";

export function createMetrics(): AppMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: PREFIX });
  const gauge = <L extends string>(name: string, help: string, labelNames: L[] = []) =>
    new Gauge<L>({ name: PREFIX + name, help, labelNames, registers: [registry] });

  const requestDuration = new Histogram({
    name: `${PREFIX}http_request_duration_seconds`,
    help: "HTTP requests by route (as declared, never the concrete path) and status, in seconds.",
    labelNames: ["method", "route", "status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const submissions = new Counter({
    name: `${PREFIX}submissions_total`,
    help: "Submissions sent to POST /api/submissions: accepted (202, new), resent (202, the same id and answers sent again, nothing written), invalid (answers refused, 422 submission_invalid), rejected (any other refusal).",
    labelNames: ["outcome"],
    registers: [registry],
  });
  for (const outcome of ["accepted", "resent", "invalid", "rejected"]) submissions.inc({ outcome }, 0);

  const up = gauge("service_up", "1 when the service answered the last scrape, 0 otherwise.", ["service"]);
  const queueDepth = gauge("queue_depth", "Jobs still to run (waiting, running, delayed for a retry), per queue.", ["queue"]);
  const queueFailed = gauge("queue_failed_jobs", "Jobs that failed for good and wait for an administrator, per queue.", ["queue"]);
  const outboxRows = gauge("integration_outbox_rows", "Accepted submissions not integrated yet.");
  const lag = gauge("integration_lag_seconds", "Age of the oldest accepted submission not integrated yet (0: none).");
  const backlog = gauge("review_backlog", "Review items open or postponed, per kind.", ["kind"]);
  const backlogAge = gauge("review_backlog_oldest_seconds", "Age of the oldest review item open or postponed (0: none).");
  const pool = gauge("db_pool_connections", "This process's database connections: used, free, and requests waiting for one.", ["state"]);
  const poolMax = gauge("db_pool_max_connections", "Most connections this process's pool opens.");
  const anchorAge = gauge("audit_anchor_age_seconds", "Seconds since the audit log's latest anchor (+Inf: none yet).");
  const backupAge = gauge("backup_age_seconds", "Seconds since the latest backup made and verified (+Inf: none yet).");

  return {
    registry,
    observeRequest: ({ method, route, status }, seconds) => requestDuration.observe({ method, route, status: String(status) }, seconds),
    countSubmission: (outcome) => submissions.inc({ outcome }),
    setFigures(f) {
      up.set({ service: "postgres" }, f.services.postgres === "ok" ? 1 : 0);
      up.set({ service: "redis" }, f.services.redis === "ok" ? 1 : 0);
      queueDepth.reset();
      queueFailed.reset();
      for (const q of f.queues) {
        queueDepth.set({ queue: q.queue }, q.depth);
        queueFailed.set({ queue: q.queue }, q.failed);
      }
      outboxRows.set(f.integration?.outboxRows ?? Number.NaN);
      lag.set(f.integration?.lagSeconds ?? Number.NaN);
      for (const kind of REVIEW_KINDS) backlog.set({ kind }, f.review ? (f.review.backlog[kind] ?? 0) : Number.NaN);
      backlogAge.set(f.review ? (f.review.oldestSeconds ?? 0) : Number.NaN);
      pool.set({ state: "used" }, f.databasePool.used);
      pool.set({ state: "free" }, f.databasePool.free);
      pool.set({ state: "pending" }, f.databasePool.pending);
      poolMax.set(f.databasePool.max);
      anchorAge.set(f.auditAnchorAgeSeconds ?? Number.POSITIVE_INFINITY);
      backupAge.set(f.backupAgeSeconds ?? Number.POSITIVE_INFINITY);
    },
  };
}
