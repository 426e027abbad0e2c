import type { Sql } from "../db/app-role";
import {
  AUDIT_CONTENT_COLUMNS,
  AUDIT_LINK_COLUMNS,
  auditContent,
  auditHash,
  auditLink,
  GENESIS_HASH,
  linkMac,
  sameMac,
} from "./audit-chain";

/*
 * Chaining without a lock on writers (issues #15, #22). Sequence numbers are handed out in one order and
 * transactions commit in another: while number 11's transaction is still open, 12 may already be visible.
 * Chaining 12 then would skip 11 for good. So each writer's row takes its transaction id *before* its
 * number (trigger audit_log_sequence). Then, once the sequence's last value H has been read, every
 * transaction holding a number ≤ H already has an id, so it is committed, rolled back, or listed as running
 * in the next snapshot; when all of those have ended, every number ≤ H is final and rows up to H can be
 * chained in order. A long transaction of this database delays chaining (never writers).
 * The sequence must keep CACHE 1 (the default), or sessions would hand numbers out of order.
 */

/** Every number up to `seq` is final once the transactions `waitFor` (xid8, as text) have ended. */
export interface Horizon {
  seq: number;
  waitFor: string[];
}

export interface ChainHead {
  seq: number;
  n: number;
  hash: string;
}

/** The head of the chain was not written with the anchor key: the sequencer will not extend it. */
export class ChainHeadForged extends Error {
  constructor(readonly seq: number) {
    super(`audit chain head seq=${seq} was not written by the sequencer (its MAC is wrong): run rsu audit verify`);
  }
}

const PAGE = 1_000;

/** Two statements, in this order: the number first, then the snapshot (a statement's snapshot is taken before it runs). */
export async function takeHorizon(sql: Sql): Promise<Horizon> {
  const [number] = (await sql.query(`select case when is_called then last_value else 0 end as seq from audit_log_seq_seq`)).rows;
  // Transactions seen running in another database of the server cannot hold one of our numbers (seen as
  // far as this role may see other sessions; the ones it may not see are waited for).
  const [snapshot] = (
    await sql.query(
      `select array(
         select x from pg_snapshot_xip(pg_current_snapshot()) x
          where x::text::bigint % 4294967296 not in (
            select backend_xid::text::bigint from pg_stat_activity
             where backend_xid is not null and datid <> (select oid from pg_database where datname = current_database()))
       )::text[] as xip`,
    )
  ).rows;
  return { seq: Number(number!.seq), waitFor: snapshot!.xip };
}

export async function horizonReached(sql: Sql, horizon: Horizon): Promise<boolean> {
  if (!horizon.waitFor.length) return true;
  const [open] = (
    await sql.query(`select count(*)::int as running from unnest($1::xid8[]) x where pg_xact_status(x) = 'in progress'`, [horizon.waitFor])
  ).rows;
  return open!.running === 0;
}

/** The last link, refused when it does not authenticate (links made before the sequencer have no MAC). */
export async function readChainHead(sql: Sql, key: string): Promise<ChainHead | null> {
  const [row] = (await sql.query(`select ${AUDIT_LINK_COLUMNS} from audit_chain order by seq desc limit 1`)).rows;
  if (!row) return null;
  const head = auditLink(row);
  const authentic = head.mac
    ? sameMac(head.mac, linkMac(key, head))
    : !(await sql.query(`select 1 from audit_chain where mac is not null limit 1`)).rows.length;
  if (!authentic) throw new ChainHeadForged(head.seq);
  return { seq: head.seq, n: head.n, hash: head.hash };
}

/**
 * Chains, in sequence order, the rows after the head up to `upTo` (a reached horizon), a page per
 * transaction. Only one sequencer may run at a time (audit-sequencer.ts holds a session lock); were two to
 * race, the primary key on audit_chain.seq would stop the second.
 */
export async function chainAuditRows(sql: Sql, key: string, upTo: number): Promise<{ head: ChainHead | null; added: number }> {
  let head = await readChainHead(sql, key);
  let added = 0;
  for (;;) {
    const { rows } = await sql.query(
      `select ${AUDIT_CONTENT_COLUMNS} from audit_log where seq > $1 and seq <= $2 order by seq limit ${PAGE}`,
      [head?.seq ?? 0, upTo],
    );
    if (!rows.length) return { head, added };
    const links = [];
    let prevHash = head?.hash ?? GENESIS_HASH;
    let n = head?.n ?? 0;
    for (const row of rows) {
      const content = auditContent(row);
      const link = { seq: content.seq, n: ++n, prevHash, hash: auditHash(prevHash, content) };
      links.push({ ...link, mac: linkMac(key, link) });
      prevHash = link.hash;
    }
    await sql.query(
      `insert into audit_chain (seq, n, prev_hash, hash, mac, chained_at)
       select seq, n, prev_hash, hash, mac, now() from unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[]) as l(seq, n, prev_hash, hash, mac)`,
      [links.map((l) => l.seq), links.map((l) => l.n), links.map((l) => l.prevHash), links.map((l) => l.hash), links.map((l) => l.mac)],
    );
    const last = links[links.length - 1]!;
    head = { seq: last.seq, n: last.n, hash: last.hash };
    added += links.length;
  }
}

/** Any constant will do: it only has to be the same for every sequencer of one database. */
export const SEQUENCER_LOCK = 0x72_73_75_63; // "rsuc"

/**
 * One chaining run outside the workers (`rsu audit chain`, tests): takes the sequencer's lock if no one
 * holds it, waits for the current numbers to be final, chains them. Null when a sequencer is running.
 */
export async function chainAuditNow(sql: Sql, key: string, timeoutMs = 30_000): Promise<{ head: ChainHead | null; added: number } | null> {
  if (!(await sql.query(`select pg_try_advisory_lock($1) as won`, [SEQUENCER_LOCK])).rows[0]!.won) return null;
  try {
    const horizon = await takeHorizon(sql);
    const deadline = Date.now() + timeoutMs;
    while (!(await horizonReached(sql, horizon))) {
      if (Date.now() > deadline) throw new Error("audit chain: transactions still open after the timeout");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return await chainAuditRows(sql, key, horizon.seq);
  } finally {
    await sql.query(`select pg_advisory_unlock($1)`, [SEQUENCER_LOCK]);
  }
}
