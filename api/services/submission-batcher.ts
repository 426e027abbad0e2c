import type { MikroORM } from "@mikro-orm/postgresql";
import type { AuditActor, AuditEntry } from "../audit/record-audit";
import { isDatabaseUnavailable } from "../errors";
import {
  storedSubmissions,
  writeSubmissions,
  type StoredSubmission,
  type SubmissionRow,
} from "../repositories/submission-batch.repository";
import { dispatchSubmissions, type Dispatch } from "./dispatch-submission";

/** A checked submission waiting for its batch, with the audit row that records it. */
export interface BatchedSubmission extends SubmissionRow {
  audit: { actor: AuditActor; entry: AuditEntry };
}

/** This request's row was written, or an earlier copy of its id (stored, or earlier in the same batch) answers it. */
export type BatchOutcome = { inserted: true } | { inserted: false; earlier: StoredSubmission };

export interface SubmissionBatcher {
  /** Resolves once the row is committed (durable) and its job handed to Redis or left to the relay. */
  write(row: BatchedSubmission): Promise<BatchOutcome>;
}

export interface BatchOptions {
  /** Rows per transaction at most (1: one transaction per request, as before group commit). */
  maxSize: number;
  /** How long the first row of a batch waits for others while a transaction slot is free. */
  maxWaitMs: number;
}

/**
 * Transactions writing at once: the rest of the pool stays free for the requests' own reads, and rows
 * arriving while all of them commit form the next, larger batch.
 */
const IN_FLIGHT = 4;

interface Waiting {
  row: BatchedSubmission;
  resolve(outcome: BatchOutcome): void;
  reject(error: unknown): void;
}

/**
 * Group commit (issue #22): concurrent submissions are written together, one statement (its own
 * transaction) for the submissions, their outbox rows and their audit rows, then one job in Redis.
 * One process's batches; several processes each batch their own, and the database keeps ids unique.
 */
export function submissionBatcher(orm: MikroORM, dispatch: Dispatch, options: BatchOptions): SubmissionBatcher {
  let pending: Waiting[] = [];
  let timer: NodeJS.Timeout | null = null;
  let inFlight = 0;

  function flush() {
    if (timer) clearTimeout(timer);
    timer = null;
    while (pending.length && inFlight < IN_FLIGHT) {
      const batch = pending.slice(0, options.maxSize);
      pending = pending.slice(options.maxSize);
      inFlight++;
      void settle(batch).finally(() => {
        inFlight--;
        // Rows that came while this batch committed have waited enough: they go now.
        flush();
      });
    }
  }

  /** Answers each request of the batch; a row the database refuses fails alone (the others are written again without it). */
  async function settle(batch: Waiting[]): Promise<void> {
    try {
      const outcomes = await writeBatch(
        orm,
        dispatch,
        batch.map((waiting) => waiting.row),
      );
      for (const [i, waiting] of batch.entries()) waiting.resolve(outcomes[i]!);
    } catch (error) {
      if (batch.length === 1 || isDatabaseUnavailable(error)) {
        for (const waiting of batch) waiting.reject(error);
        return;
      }
      // In arrival order, so that the first of two copies of an id is still the one written.
      for (const waiting of batch) await settle([waiting]);
    }
  }

  return {
    write(row) {
      return new Promise<BatchOutcome>((resolve, reject) => {
        pending.push({ row, resolve, reject });
        if (pending.length >= options.maxSize) flush();
        else timer ??= setTimeout(flush, options.maxWaitMs);
      });
    },
  };
}

/** One statement for the batch; the outcome of each row, in the batch's order. */
async function writeBatch(orm: MikroORM, dispatch: Dispatch, rows: BatchedSubmission[]): Promise<BatchOutcome[]> {
  // The first copy of an id in the batch is the one written; later copies are answered by it, like retries.
  const firsts = new Map<string, BatchedSubmission>();
  for (const row of rows) if (!firsts.has(row.id)) firsts.set(row.id, row);
  const em = orm.em.fork();
  const firstRows = [...firsts.values()];
  const inserted = await writeSubmissions(
    em,
    firstRows,
    firstRows.map((row) => row.audit),
    dispatch.retryAt(),
  );
  // Ids already there: committed before (an insert waits for a concurrent one to end), so readable now.
  const others = [...firsts.keys()].filter((id) => !inserted.has(id));
  const stored = others.length ? await storedSubmissions(em, others) : new Map<string, StoredSubmission>();
  // One job for the batch: a job per submission cost the API (BullMQ, ioredis) about a tenth of its CPU.
  await dispatchSubmissions(em, dispatch, [...inserted], { together: true });
  return rows.map((row): BatchOutcome => {
    const first = firsts.get(row.id)!;
    if (inserted.has(row.id)) {
      return first === row
        ? { inserted: true }
        : { inserted: false, earlier: { data: first.data, contentHash: first.contentHash, status: "received" } };
    }
    const earlier = stored.get(row.id);
    if (!earlier) throw new Error("a submission id neither inserted nor found");
    return { inserted: false, earlier };
  });
}
