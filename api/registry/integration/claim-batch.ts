import type { EntityManager } from "@mikro-orm/postgresql";
import { queryRows } from "../../db/plain-sql";

/** What an integration job takes into its transaction. */
export interface Claim {
  /** Its own submission's stage; undefined when another batch holds it (or it does not exist). */
  own: { status: string } | undefined;
  /** The received submissions to integrate, locked until the transaction ends. */
  ids: string[];
  /** The submissions whose outbox rows go with this transaction (settled here or before). */
  settling: string[];
}

/**
 * Locks a job's submission and, with `batchSize` > 1, up to batchSize − 1 other received submissions of the
 * same commune that no other batch holds (SKIP LOCKED), oldest first (issue #6). One commune a batch: the
 * batch locks the communes it creates households in (lock-place.ts), so batches of different communes run
 * side by side, where batches spanning every commune queued on each other's locks.
 * Alone (`batchSize` 1), concurrent runs of one submission (a re-enqueued job, two workers) wait for each
 * other on its row. In a batch, a submission another batch holds is skipped rather than waited for: the
 * job then takes the commune of the oldest free submission instead, so that it is not idle meanwhile.
 */
export async function claimBatch(tx: EntityManager, submissionId: string, batchSize: number): Promise<Claim> {
  const [own] = await queryRows<{ status: string; commune: string | null }>(
    tx,
    `select status, commune from submissions where id = ? for update${batchSize > 1 ? " skip locked" : ""}`,
    [submissionId],
  );
  const mine = own?.status === "received" ? [submissionId] : [];
  if (batchSize === 1 || (own && !mine.length)) return { own, ids: mine, settling: own ? [submissionId] : [] };
  const commune = own ? own.commune : await oldestFreeCommune(tx, submissionId);
  const others = commune === undefined ? [] : await claimInCommune(tx, submissionId, commune, batchSize - mine.length);
  return { own, ids: [...mine, ...others], settling: own ? [submissionId, ...others] : others };
}

/** The commune of the oldest received submission no batch holds (undefined: there is none). */
async function oldestFreeCommune(tx: EntityManager, except: string): Promise<string | null | undefined> {
  const [oldest] = await queryRows<{ commune: string | null }>(
    tx,
    `select commune from submissions where status = 'received' and id <> ? order by received_at limit 1 for update skip locked`,
    [except],
  );
  return oldest ? oldest.commune : undefined;
}

async function claimInCommune(tx: EntityManager, except: string, commune: string | null, limit: number): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    tx,
    `select id from submissions where status = 'received' and id <> ? and ${commune === null ? "commune is null" : "commune = ?"}
      order by received_at limit ? for update skip locked`,
    commune === null ? [except, limit] : [except, commune, limit],
  );
  return rows.map((r) => r.id);
}
