import pg from "pg";

/** One statement on a connection of its own (the bench's own reads, never the servers' pools). */
export async function sql<T>(databaseUrl: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Submissions integrated (or otherwise settled) and still waiting for the workers. */
export async function backlogCounts(databaseUrl: string): Promise<{ done: number; backlog: number }> {
  const [row] = await sql<{ done: string; backlog: string }>(
    databaseUrl,
    `select count(*) filter (where status <> 'received') as done, count(*) filter (where status = 'received') as backlog from submissions`,
  );
  return { done: Number(row!.done), backlog: Number(row!.backlog) };
}

/** Audit rows the sequencer has not chained yet. */
export async function auditPending(databaseUrl: string): Promise<number> {
  const [row] = await sql<{ n: string }>(
    databaseUrl,
    `select count(*) as n from audit_log a where not exists (select 1 from audit_chain c where c.seq = a.seq)`,
  );
  return Number(row!.n);
}

/** Polls four times a second until `done`; throws after `timeoutMs`. */
export async function until(done: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Every id answered 2xx is stored exactly once, with its outbox row (the workers are not running). */
export async function checkStored(databaseUrl: string, ids: string[]) {
  const [row] = await sql<{ stored: string; outbox: string; total: string }>(
    databaseUrl,
    `select (select count(*) from submissions where id = any($1::uuid[])) as stored,
            (select count(*) from outbox where submission_id = any($1::uuid[])) as outbox,
            (select count(*) from submissions) as total`,
    [ids],
  );
  const distinct = new Set(ids).size;
  const stored = Number(row?.stored);
  return {
    answered2xx: ids.length,
    distinct,
    stored,
    outbox: Number(row?.outbox),
    total: Number(row?.total),
    exactlyOnce: distinct === ids.length && stored === ids.length && Number(row?.outbox) === ids.length,
  };
}

/** Submissions per transaction: a batch's rows share their received_at, the time its transaction began. */
export async function rowsPerCommit(databaseUrl: string, ids: string[]): Promise<number> {
  const [row] = await sql<{ rows: number | null }>(
    databaseUrl,
    `select round(count(*)::numeric / nullif(count(distinct received_at), 0), 1)::float as rows from submissions where id = any($1::uuid[])`,
    [ids],
  );
  return row?.rows ?? 0;
}

/** Every accepted id is stored once and integrated (its stage set, its outbox row gone). */
export async function checkIntegrated(databaseUrl: string, ids: string[]): Promise<boolean> {
  const [row] = await sql<{ n: string; done: string; outbox: string }>(
    databaseUrl,
    `select count(*) as n, count(*) filter (where status <> 'received') as done,
            (select count(*) from outbox where submission_id = any($1::uuid[])) as outbox
       from submissions where id = any($1::uuid[])`,
    [ids],
  );
  return new Set(ids).size === ids.length && Number(row!.n) === ids.length && Number(row!.done) === ids.length && Number(row!.outbox) === 0;
}
