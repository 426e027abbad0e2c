import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, open, rename, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { PassThrough, type Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { databaseName } from "../db/create-database";
import { deriveKeys, encryptStream, manifestMac, newEncryption } from "./backup-cipher";
import { BACKUP_MAGIC, type BackupHeader, headerLine, trailerBytes } from "./backup-file";
import { applicationVersion, type BackupManifest, takeCensus } from "./backup-manifest";
import { dumpMeter } from "./dump-meter";
import { pgDump, pgDumpVersion } from "./pg-tools";

export interface WriteBackupOptions {
  /** The schema owner's connection (MIGRATION_DATABASE_URL): pg_dump must read every table and sequence. */
  databaseUrl: string;
  file: string;
  /** Encrypts the dump when given; never written anywhere. */
  passphrase?: string | null;
}

/**
 * Writes one backup file: pg_dump's custom format and its manifest (issue #16). The manifest's counts and
 * audit head are read in the very snapshot pg_dump dumps (pg_export_snapshot), so they describe the dump
 * exactly even while clerks keep submitting. The file appears under its name only once complete.
 */
export async function writeBackup({ databaseUrl, file, passphrase = null }: WriteBackupOptions): Promise<BackupManifest> {
  const started = new Date();
  const partial = `${file}.partial`;
  await mkdir(dirname(file), { recursive: true });
  const sql = new pg.Client({ connectionString: databaseUrl });
  await sql.connect();
  try {
    await sql.query("begin isolation level repeatable read read only");
    const [{ snapshot }] = (await sql.query<{ snapshot: string }>("select pg_export_snapshot() as snapshot")).rows as [
      { snapshot: string },
    ];
    const census = await takeCensus(sql);

    const encryption = passphrase ? newEncryption() : null;
    const header: BackupHeader = { encryption };
    const headerText = headerLine(header);
    const keys = encryption ? await deriveKeys(passphrase!, encryption) : null;
    const out = createWriteStream(partial, { mode: 0o600 });
    out.write(`${BACKUP_MAGIC}${headerText}\n`);
    const measure = dumpMeter();
    const dump = new PassThrough();
    const dumped = pgDump(databaseUrl, snapshot, dump).done.then(() => dump.end());
    const stages = [dump, measure.stream, ...(keys ? [encryptStream(encryption!, keys, Buffer.from(headerText))] : [])];
    await Promise.all([dumped, pipeline([...stages, out] as unknown as [PassThrough, Transform], { end: false })]).catch((error) => {
      dump.destroy();
      out.destroy();
      throw error;
    });
    await sql.query("commit");

    const finished = new Date();
    const manifest: BackupManifest = {
      id: randomUUID(),
      application: { name: "rsu", version: await applicationVersion() },
      database: { name: databaseName(databaseUrl), server: census.server },
      migrations: census.migrations,
      tables: census.tables,
      auditHead: census.auditHead,
      dump: { format: "pg_dump custom", tool: await pgDumpVersion(), sha256: measure.sha256(), bytes: measure.bytes() },
      encrypted: !!encryption,
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      durationMs: finished.getTime() - started.getTime(),
    };
    const mac = keys ? manifestMac(keys, headerText, JSON.stringify(manifest)) : null;
    await new Promise<void>((resolve, reject) =>
      out.end(trailerBytes({ manifest, mac }), (error?: Error | null) => (error ? reject(error) : resolve())),
    );
    // On disk before it is named: a crash leaves a .partial file, never a truncated backup under its real name.
    const handle = await open(partial, "r+");
    await handle.sync();
    await handle.close();
    await rename(partial, file);
    return manifest;
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  } finally {
    await sql.end().catch(() => {});
  }
}
