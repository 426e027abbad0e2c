import { randomBytes } from "node:crypto";
import pg from "pg";
import { readAnchors } from "../audit/audit-anchor";
import { verifyAuditLog } from "../audit/verify-audit";
import { APP_ROLE, connectAsApp } from "../db/app-role";
import { databaseName, dropDatabase, onServer, quoteIdentifier } from "../db/create-database";
import { BackupError } from "./backup-error";
import { type OpenedBackup, openBackup, readDump, unlockBackup } from "./backup-file";
import { takeCensus } from "./backup-manifest";
import { dumpMeter } from "./dump-meter";
import { pgRestore } from "./pg-tools";

/** One comparison between a restored database and the backup's manifest. */
export interface BackupCheck {
  check: "checksum" | "migrations" | "tables" | "audit_chain" | "audit_head";
  ok: boolean;
  /** What differed (table names and counts, sequence numbers, never a value of the registry). */
  detail: string;
}

export interface RestoreOptions {
  /** The target database, as its owner (MIGRATION_DATABASE_URL). */
  databaseUrl: string;
  passphrase?: string | null;
  /** The audit chain's key and anchors (api/config.ts): the restored chain is checked with them. */
  audit: { anchorKey: string; anchorFile: string };
}

export interface VerifyReport {
  ok: boolean;
  backup: OpenedBackup;
  checks: BackupCheck[];
}

/**
 * `rsu backup verify`: restores the backup into a scratch database beside the target, compares it with the
 * manifest, and drops it. A backup is proven only by restoring it.
 */
export async function verifyBackup(file: string, options: RestoreOptions): Promise<VerifyReport> {
  const backup = await openBackup(file);
  const scratch = siblingUrl(options.databaseUrl, "verify");
  try {
    const checks = await restoreAndCheck(backup, scratch, options);
    return { ok: checks.every((c) => c.ok), backup, checks };
  } finally {
    await dropDatabase(scratch);
  }
}

export interface RestoreReport extends VerifyReport {
  /** Where the database that was replaced (--force) now is; null when the target was empty or absent. */
  previous: string | null;
}

/**
 * `rsu restore`: restores into a new database, checks it as verify does, and only then gives it the
 * target's name. The target must be empty unless `force`; a replaced database is kept, renamed, never
 * dropped: a restore must not be the way a registry's newer data is lost.
 */
export async function restoreBackup(file: string, options: RestoreOptions & { force?: boolean }): Promise<RestoreReport> {
  const backup = await openBackup(file);
  const target = databaseName(options.databaseUrl);
  const tables = await tablesIn(options.databaseUrl);
  if (tables > 0 && !options.force) {
    throw new BackupError(
      "target_not_empty",
      `la base ${target} contient déjà ${tables} tables : restaurez dans une base vide, ou ajoutez --force (l'ancienne base est gardée sous un autre nom)`,
      `database ${target} already holds ${tables} tables: restore into an empty database, or add --force (the old database is kept under another name)`,
    );
  }
  const restoring = siblingUrl(options.databaseUrl, "restoring");
  let checks: BackupCheck[];
  try {
    checks = await restoreAndCheck(backup, restoring, options);
  } catch (error) {
    await dropDatabase(restoring);
    throw error;
  }
  if (!checks.every((c) => c.ok)) {
    await dropDatabase(restoring);
    return { ok: false, backup, checks, previous: null };
  }
  const previous = tables > 0 ? `${target.slice(0, 40)}_before_restore_${stamp()}` : null;
  await onServer(options.databaseUrl, async (sql) => {
    // The application must be stopped; connections left (a forgotten psql) would block the renaming.
    await sql.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [target]);
    if (previous) await sql.query(`alter database ${quoteIdentifier(target)} rename to ${quoteIdentifier(previous)}`);
    else await sql.query(`drop database if exists ${quoteIdentifier(target)}`);
    await sql.query(`alter database ${quoteIdentifier(databaseName(restoring))} rename to ${quoteIdentifier(target)}`);
  });
  return { ok: true, backup, checks, previous };
}

async function restoreAndCheck(backup: OpenedBackup, databaseUrl: string, options: RestoreOptions): Promise<BackupCheck[]> {
  const keys = await unlockBackup(backup, options.passphrase ?? null);
  await onServer(databaseUrl, async (sql, name) => {
    // The dump grants rights to the application role; on a new server it does not exist yet.
    await sql.query(`do $$ begin
      if not exists (select from pg_roles where rolname = '${APP_ROLE}') then create role ${APP_ROLE} nologin; end if;
    exception when duplicate_object or unique_violation then null;
    end $$;`);
    await sql.query(`create database ${quoteIdentifier(name)}`);
  });
  const measure = dumpMeter();
  const dump = readDump(backup, keys);
  dump.on("error", (error) => measure.stream.destroy(error));
  await pgRestore(databaseUrl, dump.pipe(measure.stream)).done;
  const { manifest } = backup;
  const checks: BackupCheck[] = [];
  const digest = measure.sha256();
  const bytes = measure.bytes();
  checks.push({
    check: "checksum",
    ok: digest === manifest.dump.sha256 && bytes === manifest.dump.bytes,
    detail: `sha256 ${digest.slice(0, 16)}…, ${bytes} bytes (manifest: ${manifest.dump.sha256.slice(0, 16)}…, ${manifest.dump.bytes})`,
  });

  const owner = new pg.Client({ connectionString: databaseUrl });
  await owner.connect();
  const census = await takeCensus(owner).finally(() => owner.end());
  const sameMigrations = JSON.stringify(census.migrations) === JSON.stringify(manifest.migrations);
  checks.push({ check: "migrations", ok: sameMigrations, detail: `${census.migrations.length} (manifest: ${manifest.migrations.length})` });
  const names = [...new Set([...Object.keys(manifest.tables), ...Object.keys(census.tables)])].sort();
  const differing = names.filter((t) => census.tables[t] !== manifest.tables[t]);
  checks.push({
    check: "tables",
    ok: differing.length === 0,
    detail: differing.length
      ? differing.map((t) => `${t}: ${census.tables[t] ?? "absent"} (manifest: ${manifest.tables[t] ?? "absent"})`).join(", ")
      : `${names.length} tables, ${Object.values(census.tables).reduce((a, b) => a + b, 0)} rows`,
  });

  // Anchors newer than the backup name rows it cannot hold: only those up to its head vouch for it.
  const anchorFile = await readAnchors(options.audit.anchorFile, options.audit.anchorKey);
  const head = manifest.auditHead;
  const anchors = { ...anchorFile, anchors: anchorFile.anchors.filter((a) => head && a.seq <= head.seq), forgedLines: [] };
  const app = await connectAsApp(databaseUrl);
  const audit = await verifyAuditLog(app, options.audit.anchorKey, anchors).finally(() => app.end());
  checks.push({
    check: "audit_chain",
    ok: audit.ok,
    detail: audit.ok ? `${audit.rows} links, ${audit.anchors} anchors` : audit.findings.map((f) => f.kind).join(", "),
  });
  const sameHead = JSON.stringify(census.auditHead) === JSON.stringify(head);
  checks.push({
    check: "audit_head",
    ok: sameHead,
    detail: `seq ${census.auditHead?.seq ?? "none"} (manifest: ${head?.seq ?? "none"})`,
  });
  return checks;
}

async function tablesIn(databaseUrl: string): Promise<number> {
  const exists = await onServer(
    databaseUrl,
    async (sql, name) => (await sql.query(`select 1 from pg_database where datname = $1`, [name])).rowCount,
  );
  if (!exists) return 0;
  const sql = new pg.Client({ connectionString: databaseUrl });
  await sql.connect();
  try {
    const { rows } = await sql.query<{ n: number }>(
      `select count(*)::int as n from pg_class c join pg_namespace s on s.oid = c.relnamespace
       where c.relkind in ('r', 'p') and s.nspname not in ('pg_catalog', 'information_schema') and s.nspname not like 'pg_toast%'`,
    );
    return rows[0]!.n;
  } finally {
    await sql.end();
  }
}

/** A database next to the target's, on the same server: `<target>_<what>_<random>`. */
function siblingUrl(databaseUrl: string, what: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${databaseName(databaseUrl).slice(0, 40)}_${what}_${randomBytes(4).toString("hex")}`;
  return url.toString();
}

function stamp(): string {
  return new Date().toISOString().replace(/[-:]/g, "").replace(/\..*$/, "").toLowerCase();
}
