import { randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import pg from "pg";
import { householdJson, type Load, round } from "./load";

/**
 * The ceiling: the same rows as the API's (submission + outbox) written by `connections` clients, `batch`
 * rows per transaction in multi-row inserts over a pool of 10 connections (the API's, orm-config.ts: the
 * server's max_connections is shared), each commit durable (synchronous_commit on, the server's default).
 */
export async function rawPostgres(databaseUrl: string, connections: number, batch: number, seconds: number): Promise<Load> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const { rows } = await pool.query<{ id: string }>(`select id from form_versions limit 1`);
  const formVersion = rows[0]!.id;
  const latencies: number[] = [];
  let written = 0;
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async (_, c) => {
      let n = c;
      while (Date.now() < end) {
        const ids = Array.from({ length: batch }, () => randomUUID());
        const started = performance.now();
        const client = await pool.connect();
        await client.query("begin");
        await client.query(
          `insert into submissions (id, form_version_id, data, content_hash, status, commune, submitted_by, received_at)
           select id, $2, d::jsonb, repeat('0', 64), 'received', '101', null, now()
           from unnest($1::uuid[], $3::text[]) as t(id, d)`,
          [ids, formVersion, ids.map(() => householdJson(n++))],
        );
        await client.query(
          `insert into outbox (submission_id, created_at, next_attempt_at, attempts) select id, now(), now(), 0 from unnest($1::uuid[]) as id`,
          [ids],
        );
        await client.query("commit");
        client.release();
        latencies.push(performance.now() - started);
        written += batch;
      }
    }),
  );
  await pool.end();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return {
    connections,
    requestsPerSecond: round(written / seconds),
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    non2xx: 0,
    errors: 0,
    loadAverage: round(loadavg()[0]!),
  };
}
