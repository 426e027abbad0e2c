import { Queue } from "bullmq";
import { readAnchors } from "../../api/audit/audit-anchor";
import { verifyAuditLog } from "../../api/audit/verify-audit";
import type { AppConfig } from "../../api/config";
import { connectAsApp } from "../../api/db/app-role";
import { workerConnection } from "../../api/queue/redis";
import { INTEGRATION_QUEUE } from "../../schemas/contracts/jobs";
import type { Child } from "./children";
import { auditPending, backlogCounts, checkIntegrated, sql, until } from "./database";
import { freshHouseholds, load, type Load, round } from "./load";

const DRAIN_TIMEOUT_MS = 1_800_000;

export interface PaceOptions {
  /** Starts the API or the workers on the pace phase's own queue. */
  start(role: "api" | "workers"): Promise<Child>;
  secret: string;
  /** Submissions sent before the workers start: the backlog whose integration alone is timed. */
  backlog: number;
  /** Seconds each offered rate is held. */
  stepSeconds: number;
  /** Offered rates, as shares of the integration rate measured alone. */
  shares: number[];
}

/** One offered rate held for a step: what the API took, what the workers integrated, the backlog each second. */
interface Step {
  offered: number;
  ingest: Load;
  integratedPerSecond: number;
  backlogEachSecond: number[];
  /** Backlog growth per second over the step (least squares): about 0 when integration keeps pace. */
  backlogGrowthPerSecond: number;
  keptPace: boolean;
  cpuSeconds: { api: number; workers: number };
}

/**
 * The API and the workers on this machine (issue #22). First the integration rate alone: a backlog sent
 * while no worker runs, then timed from the workers' start until it is integrated, the API idle. Then
 * offered rates (autocannon's overallRate) at shares of that rate, each held for a step while the backlog is
 * sampled each second and drained before the next: a step keeps pace when the API takes what is offered
 * and the backlog does not grow (by less than 5 % of the offered rate a second). The keep-pace rate is the
 * highest such step. Then every accepted id must be integrated once and the audit chain verify.
 */
export async function keepingPace(config: AppConfig, options: PaceOptions) {
  // The earlier phases' submissions were never integrated (their jobs are in other queues): gone first.
  await sql(config.databaseUrl, `truncate submissions, outbox cascade`);
  const accepted: string[] = [];
  // New households, as clerks back from the field send: the 500 of the other phases would be duplicates.
  const household = freshHouseholds(1_000_000);
  // Paused while the backlog is sent and the sequencer chains the earlier phases' audit rows: neither is integration's time.
  const connection = workerConnection(config.redisUrl);
  const queue = new Queue(INTEGRATION_QUEUE, { connection, prefix: config.queuePrefix });
  await queue.pause();
  const api = await options.start("api");
  let workers: Child | null = null;
  try {
    await load([api.port], { connections: 10, duration: 0, token: options.secret, accepted, amount: options.backlog, household });
    workers = await options.start("workers");
    await until(async () => (await auditPending(config.databaseUrl)) === 0, DRAIN_TIMEOUT_MS);
    const started = performance.now();
    await queue.resume();
    await until(async () => (await backlogCounts(config.databaseUrl)).backlog === 0, DRAIN_TIMEOUT_MS);
    const alone = round(options.backlog / ((performance.now() - started) / 1000));

    const steps: Step[] = [];
    for (const share of options.shares) {
      const step = await offer(config, { api, workers }, options, { rate: Math.max(1, Math.round(share * alone)), accepted, household });
      steps.push(step);
      await until(async () => (await backlogCounts(config.databaseUrl)).backlog === 0, DRAIN_TIMEOUT_MS);
      // Past the first step that falls behind, higher rates only fall further behind.
      if (!step.keptPace) break;
    }
    const kept = steps.filter((step) => step.keptPace);
    const integratedOnce = await checkIntegrated(config.databaseUrl, accepted);
    await until(async () => (await auditPending(config.databaseUrl)) === 0, DRAIN_TIMEOUT_MS);
    const audit = await connectAsApp(config.databaseUrl);
    const report = await verifyAuditLog(audit, config.audit.anchorKey, await readAnchors(config.audit.anchorFile, config.audit.anchorKey));
    await audit.end();
    return {
      integrationAlonePerSecond: alone,
      steps,
      keepPacePerSecond: kept.length ? Math.max(...kept.map((step) => step.offered)) : 0,
      accepted: accepted.length,
      integratedOnce,
      auditVerified: { ok: report.ok, rows: report.rows, findings: report.findings.length },
      ok: integratedOnce && report.ok,
    };
  } finally {
    await api.stop();
    await workers?.stop();
    await queue.close();
    connection.disconnect();
  }
}

async function offer(
  config: AppConfig,
  { api, workers }: { api: Child; workers: Child },
  options: PaceOptions,
  { rate, accepted, household }: { rate: number; accepted: string[]; household: () => string },
): Promise<Step> {
  const before = await backlogCounts(config.databaseUrl);
  const cpu = { api: api.cpuSeconds(), workers: workers.cpuSeconds() };
  const backlog: number[] = [];
  const sampler = setInterval(() => void backlogCounts(config.databaseUrl).then((c) => backlog.push(c.backlog)), 1_000);
  const ingest = await load([api.port], {
    connections: 10,
    duration: options.stepSeconds,
    token: options.secret,
    accepted,
    rate,
    household,
  });
  clearInterval(sampler);
  const after = await backlogCounts(config.databaseUrl);
  const growth = slope(backlog);
  return {
    offered: rate,
    ingest,
    integratedPerSecond: round((after.done - before.done) / options.stepSeconds),
    backlogEachSecond: backlog,
    backlogGrowthPerSecond: round(growth),
    keptPace: ingest.requestsPerSecond >= 0.95 * rate && ingest.non2xx === 0 && growth < 0.05 * rate,
    cpuSeconds: { api: round(api.cpuSeconds() - cpu.api), workers: round(workers.cpuSeconds() - cpu.workers) },
  };
}

/** Least-squares slope of samples taken once a second. */
function slope(ys: number[]): number {
  if (ys.length < 2) return 0;
  const n = ys.length;
  const mx = (n - 1) / 2;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let num = 0;
  let den = 0;
  ys.forEach((y, x) => {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  });
  return num / den;
}
