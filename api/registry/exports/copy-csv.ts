import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { EntityManager } from "@mikro-orm/postgresql";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import type { ExportLevel } from "../../../schemas/registry/export-columns";
import type { RedactorOf } from "../../services/redaction";
import { CsvRecords } from "./csv-records";
import { type Literal, levelSelect } from "./csv-select";
import type { HouseholdsFilter } from "./households-as-of";

/** How often the progress bar moves and a cancel is looked for. */
const PROGRESS_MS = 500;

export interface CsvCopy {
  /** Where a file's bytes go: an entry of the export's zip. */
  open(file: string): Writable;
  levels: readonly ExportLevel[];
  delimiter: "," | ";";
  filter: HouseholdsFilter;
  redactorOf: RedactorOf;
  /** Told the records written so far; resolves true when the export was cancelled meanwhile. */
  progress(written: Counts): Promise<boolean>;
}

type Counts = { households: number; individuals: number };

/** The export counts households and individuals; a unit's records (plots, livestock) are in its file only. */
const isCounted = (file: string): file is keyof Counts => file === "households" || file === "individuals";

/**
 * Cancels the COPY if it still runs, with the protocol's cancel request and the connection's own secret
 * key (pg_cancel_backend needs the backend's role, which a pooled role may not have). Resolves once the
 * server has taken the request, so that no cancel arrives after the connection went back to the pool.
 */
function cancelCopy(connection: pg.Client, copy: unknown): Promise<void> {
  if ((connection as pg.Client & { activeQuery?: unknown }).activeQuery !== copy) return Promise.resolve();
  const canceller = new pg.Client({ host: connection.host, port: connection.port }) as pg.Client & {
    connection: { on(event: "end" | "error", listener: () => void): void };
    cancel(client: pg.Client, query: unknown): void;
  };
  return new Promise((resolve) => {
    // The server closes the cancel connection once it has passed the request on.
    canceller.connection.on("end", resolve);
    canceller.connection.on("error", resolve);
    setTimeout(resolve, 5_000).unref();
    canceller.cancel(connection, copy);
  });
}

type Pool = { acquireConnection(): Promise<pg.Client>; releaseConnection(c: pg.Client): Promise<unknown> };

/**
 * Writes the CSV files of a registry export with PostgreSQL's `COPY (select …) TO STDOUT` (issue #17): the
 * values, redaction and CSV are made by PostgreSQL, Node only passes the bytes to the zip, so the export
 * runs near COPY's own speed in flat memory. Both files are read in one read-only snapshot. Returns the rows
 * of each file, or null when the export was cancelled (the running COPY is then cancelled too).
 */
export async function copyCsvFiles(em: EntityManager, job: CsvCopy): Promise<Counts | null> {
  return inReadOnlySnapshot(em, async (connection, literal) => {
    const counts: Counts = { households: 0, individuals: 0 };
    let cancelled = false;
    for (const level of job.levels) {
      const select = levelSelect(level, job.filter, job.redactorOf, literal);
      const copy = connection.query(copyTo(`copy (${select}) to stdout with (format csv, header, delimiter ${literal(job.delimiter)})`));
      const records = new CsvRecords();
      const out = job.open(level.file);
      // With a BOM, Excel reads UTF-8 accents right.
      out.write("\ufeff");
      let asking: Promise<void> = Promise.resolve();
      let failed: unknown;
      const timer = setInterval(() => {
        asking = asking
          .then(async () => {
            if (cancelled || failed) return;
            cancelled = await job.progress(isCounted(level.file) ? { ...counts, [level.file]: Math.max(records.records - 1, 0) } : counts);
            // The pipeline then fails, and that is expected.
            if (cancelled) await cancelCopy(connection, copy);
          })
          .catch((error) => {
            failed ??= error;
          });
      }, PROGRESS_MS);
      try {
        await pipeline(copy, records, out);
      } catch (error) {
        if (!cancelled) throw error;
      } finally {
        clearInterval(timer);
        // No cancel may reach the connection once it goes back to the pool.
        await asking;
      }
      if (failed) throw failed;
      if (cancelled) return null;
      if (isCounted(level.file)) counts[level.file] = copy.rowCount;
    }
    return counts;
  });
}

/**
 * Runs `work` on a connection of its own in one read-only snapshot (COPY needs the client itself, and
 * every file of an export reads the same registry), then gives the connection back to the pool.
 */
export async function inReadOnlySnapshot<T>(em: EntityManager, work: (connection: pg.Client, literal: Literal) => Promise<T>): Promise<T> {
  const pool = em.getConnection().getKnex().client as Pool;
  const connection = await pool.acquireConnection();
  try {
    await connection.query("begin isolation level repeatable read read only");
    return await work(connection, (value) => connection.escapeLiteral(value));
  } finally {
    // A rollback that fails (a cancel that came late) ends the connection: the pool then drops it.
    await connection.query("rollback").catch(() => connection.end());
    await pool.releaseConnection(connection);
  }
}
