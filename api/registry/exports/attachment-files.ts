import type { Readable } from "node:stream";
import type { EntityManager } from "@mikro-orm/postgresql";
import { to as copyTo } from "pg-copy-streams";
import type { ExportLevel } from "../../../schemas/registry/export-columns";
import { queryRows } from "../../db/plain-sql";
import type { RedactorOf } from "../../services/redaction";
import { inReadOnlySnapshot } from "./copy-csv";
import { attachmentPathsSelect } from "./csv-select";
import type { HouseholdsFilter } from "./households-as-of";

export interface AttachmentFiles {
  levels: readonly ExportLevel[];
  filter: HouseholdsFilter;
  redactorOf: RedactorOf;
  /** Puts a file in the zip; resolves once the zip has taken its bytes. */
  add(name: string, content: Buffer): Promise<void>;
  /** Asked every few files; resolves true when the export was cancelled meanwhile. */
  cancelled(): Promise<boolean>;
}

const FILES_BETWEEN_CHECKS = 50;
const ID_IN_PATH = /-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.[a-z0-9]+$/;

/**
 * Puts into the export's zip every file its rows name (issue #20), at the path the cell gives: the paths
 * come from PostgreSQL's COPY of the same cells as the level's file (so the same redaction: a file the
 * requester may not read is neither named nor included), and each file's bytes are read and zipped one
 * at a time, so memory holds one file however many the registry has. Returns the files written, or null
 * when the export was cancelled.
 */
export async function zipAttachmentFiles(em: EntityManager, job: AttachmentFiles): Promise<number | null> {
  return inReadOnlySnapshot(em, async (connection, literal) => {
    let written = 0;
    let cancelled = false;
    for (const level of job.levels) {
      const select = attachmentPathsSelect(level, job.filter, job.redactorOf, literal);
      if (!select) continue;
      const copy: Readable = connection.query(copyTo(`copy (${select}) to stdout`));
      for await (const path of lines(copy)) {
        // Once cancelled, the paths are read to their end (no bytes): the COPY then ends as usual.
        if (cancelled) continue;
        const id = ID_IN_PATH.exec(path)?.[1];
        // The bytes come from another connection: this one is busy with the COPY.
        const [file] = id ? await queryRows<{ content: Buffer }>(em, "select content from attachments where id = ?", [id]) : [];
        if (!file) continue;
        await job.add(path, file.content);
        written++;
        if (written % FILES_BETWEEN_CHECKS === 0) cancelled = await job.cancelled();
      }
    }
    return cancelled ? null : written;
  });
}

/** The lines of a stream, read as they are consumed (a path holds no tab, newline nor backslash to unescape). */
async function* lines(stream: Readable): AsyncGenerator<string> {
  let rest = "";
  for await (const chunk of stream) {
    const parts = (rest + String(chunk)).split("\n");
    rest = parts.pop()!;
    yield* parts;
  }
  if (rest) yield rest;
}
