/**
 * Concurrent writers of the audit log, with and without the global lock it used to take (issue #22).
 *   npx tsx bench/audit-writers.ts [--writers 50] [--rounds 3] [--hold-ms 5]
 * Each writer is a transaction that appends one audit row (recordAudit) and then holds its transaction
 * open for `--hold-ms`, as a real change does with its other statements before the commit. "locked"
 * takes the former transaction-scoped advisory lock before appending, which is what every write did:
 * the lock is held to the commit, so writers queue behind each other. Prints wall time per round and
 * how many backends were seen waiting on an advisory lock. Uses its own database, rsu_bench_audit.
 */
import { parseArgs } from "node:util";
import pg from "pg";
import { recordAudit } from "../api/audit/record-audit";
import { systemActor } from "../api/auth/actor";
import { dropDatabase } from "../api/db/create-database";
import { openDatabase } from "../api/db/database";

const { values } = parseArgs({ options: { writers: { type: "string" }, rounds: { type: "string" }, "hold-ms": { type: "string" } } });
const WRITERS = Number(values.writers ?? 50);
const ROUNDS = Number(values.rounds ?? 3);
const HOLD_MS = Number(values["hold-ms"] ?? 5);
const DATABASE_URL = "postgres://postgres@127.0.0.1:5432/rsu_bench_audit";
const FORMER_AUDIT_LOCK = 0x72_73_75_61;

await dropDatabase(DATABASE_URL);
const orm = await openDatabase(DATABASE_URL, { migrate: true, overrides: { pool: { min: WRITERS, max: WRITERS } } });
const actor = systemActor("bench");

async function round(locked: boolean): Promise<{ ms: number; waitingMax: number }> {
  let waitingMax = 0;
  let done = false;
  const sampler = (async () => {
    // Its own connection, as the owner: the writers fill the pool, and pg_stat_activity shows the
    // application role only its own sessions.
    const sql = new pg.Client({ connectionString: DATABASE_URL });
    await sql.connect();
    while (!done) {
      const { rows } = await sql.query(
        "select count(*)::int as n from pg_stat_activity where wait_event = 'advisory' and datname = current_database()",
      );
      waitingMax = Math.max(waitingMax, rows[0]?.n ?? 0);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await sql.end();
  })();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, (_, i) =>
      orm.em.fork().transactional(async (tx) => {
        if (locked)
          await tx.getConnection().execute("select pg_advisory_xact_lock(?)", [FORMER_AUDIT_LOCK], "all", tx.getTransactionContext());
        await recordAudit(tx, actor, { action: "job.retry", entityType: "job", entityId: `${i}` });
        await new Promise((resolve) => setTimeout(resolve, HOLD_MS));
      }),
    ),
  );
  const ms = performance.now() - started;
  done = true;
  await sampler;
  return { ms, waitingMax };
}

await round(false); // warm-up: connections, prepared statements
const results: Record<string, string | number>[] = [];
for (let r = 0; r < ROUNDS; r++) {
  for (const locked of [true, false]) {
    const { ms, waitingMax } = await round(locked);
    results.push({
      round: r + 1,
      writers: WRITERS,
      mode: locked ? "global lock (before)" : "no lock (now)",
      ms: Math.round(ms),
      "waiting on lock (max)": waitingMax,
    });
  }
}
console.table(results);
await orm.close();
await dropDatabase(DATABASE_URL);
