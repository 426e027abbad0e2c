import type { EntityManager, MikroORM } from "@mikro-orm/postgresql";
import type { Queue } from "bullmq";
import type { OperationsFigures, QueueFigures } from "../../schemas/contracts/operations";
import type { ReviewKind } from "../../schemas/contracts/review";
import { latestAnchor } from "../audit/audit-anchor";
import type { AppConfig } from "../config";
import { queryRows } from "../db/plain-sql";
import { withTimeout } from "../queue/integration-queue";
import type { JobQueues } from "../queue/job-queues";
import { secondsSinceLastGoodBackup } from "./backup-age";

const REDIS_TIMEOUT_MS = 1_500;

export interface FigureSources {
  config: AppConfig;
  orm: MikroORM;
  queues: JobQueues;
}

/**
 * How the system is doing, for /metrics and the « Exploitation » page (issue #23). A service that does not
 * answer leaves its figures out (null or empty) and says so, rather than failing the whole reading.
 */
export async function readOperationsFigures({ config, orm, queues }: FigureSources): Promise<OperationsFigures> {
  const em = orm.em.fork();
  const [database, queueFigures, anchor, backupAgeSeconds] = await Promise.all([
    databaseFigures(em).catch(() => null),
    // BullMQ waits for a lost Redis forever: a scrape must not.
    withTimeout(Promise.all([...queues].map(([name, queue]) => queueCounts(name, queue))), REDIS_TIMEOUT_MS).catch(() => null),
    latestAnchor(config.audit.anchorFile, config.audit.anchorKey).catch(() => null),
    secondsSinceLastGoodBackup(em).catch(() => null),
  ]);
  const now = Date.now();
  return {
    at: new Date(now).toISOString(),
    services: { postgres: database ? "ok" : "unreachable", redis: queueFigures ? "ok" : "unreachable" },
    queues: queueFigures ?? [],
    integration: database?.integration ?? null,
    review: database?.review ?? null,
    // Read after the queries above have given their connections back.
    databasePool: poolFigures(orm),
    auditAnchorAgeSeconds: anchor ? Math.max(0, (now - Date.parse(anchor.at)) / 1000) : null,
    backupAgeSeconds,
  };
}

async function databaseFigures(em: EntityManager) {
  // Both ages are computed by PostgreSQL against its own clock, the one that wrote the timestamps.
  const [[outbox], backlog] = await Promise.all([
    queryRows<{ rows: number; lag: number }>(
      em,
      `select count(*)::int as rows, coalesce(extract(epoch from now() - min(created_at)), 0)::float8 as lag from outbox`,
      [],
    ),
    queryRows<{ kind: ReviewKind; n: number; oldest: number }>(
      em,
      `select kind, count(*)::int as n, extract(epoch from now() - min(created_at))::float8 as oldest
         from review_items where status in ('open', 'later') group by kind`,
      [],
    ),
  ]);
  const ages = backlog.map((b) => b.oldest);
  return {
    integration: { outboxRows: outbox!.rows, lagSeconds: Math.max(0, outbox!.lag) },
    review: {
      backlog: Object.fromEntries(backlog.map((b) => [b.kind, b.n])),
      total: backlog.reduce((sum, b) => sum + b.n, 0),
      oldestSeconds: ages.length ? Math.max(0, ...ages) : null,
    },
  };
}

async function queueCounts(name: string, queue: Queue): Promise<QueueFigures> {
  const counts = await queue.getJobCounts("waiting", "active", "delayed", "prioritized", "waiting-children", "failed");
  const n = (state: string) => counts[state] ?? 0;
  return {
    queue: name,
    waiting: n("waiting") + n("prioritized") + n("waiting-children"),
    active: n("active"),
    delayed: n("delayed"),
    failed: n("failed"),
    depth: n("waiting") + n("prioritized") + n("waiting-children") + n("active") + n("delayed"),
  };
}

/** knex's pool (tarn) of this process. */
function poolFigures(orm: MikroORM): OperationsFigures["databasePool"] {
  const pool = (orm.em.getConnection().getKnex().client as { pool?: TarnPool }).pool;
  if (!pool) return { used: 0, free: 0, pending: 0, max: 0 };
  return { used: pool.numUsed(), free: pool.numFree(), pending: pool.numPendingAcquires(), max: pool.max };
}

interface TarnPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  max: number;
}
