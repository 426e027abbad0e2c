import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Sql } from "../db/app-role";

/**
 * What a backup says about itself (issue #16), written after its dump: enough to check a restore without
 * trusting it (row counts, audit chain head, the dump's checksum) and to know what it can be restored
 * under (application version, migrations). It names tables and counts, never a person.
 */
export interface BackupManifest {
  id: string;
  application: { name: string; version: string };
  database: { name: string; server: string };
  migrations: string[];
  /** Rows per table of the schema, counted in the dump's own snapshot. */
  tables: Record<string, number>;
  /** The audit chain's last link in that snapshot (null: nothing chained yet). */
  auditHead: AuditHead | null;
  dump: { format: "pg_dump custom"; tool: string; sha256: string; bytes: number };
  encrypted: boolean;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
}

export interface AuditHead {
  seq: number;
  n: number;
  hash: string;
}

/** What a manifest records of a database, read on one connection (in the dump's snapshot when backing up). */
export interface RegistryCensus {
  server: string;
  migrations: string[];
  tables: Record<string, number>;
  auditHead: AuditHead | null;
}

export async function takeCensus(sql: Sql): Promise<RegistryCensus> {
  const [{ server }] = (await sql.query<{ server: string }>(`show server_version`)).rows as [{ server: string }];
  const names = (
    await sql.query<{ name: string }>(
      `select tablename as name from pg_tables where schemaname = current_schema() order by tablename collate "C"`,
    )
  ).rows.map((r) => r.name);
  const tables: Record<string, number> = {};
  for (const name of names) {
    const [row] = (await sql.query<{ n: string }>(`select count(*) as n from "${name.replace(/"/g, '""')}"`)).rows;
    tables[name] = Number(row!.n);
  }
  const migrations = names.includes("mikro_orm_migrations")
    ? (await sql.query<{ name: string }>(`select name from mikro_orm_migrations order by id`)).rows.map((r) => r.name)
    : [];
  const [head] = names.includes("audit_chain")
    ? (await sql.query(`select seq, n, hash from audit_chain order by seq desc limit 1`)).rows
    : [];
  return {
    server,
    migrations,
    tables,
    auditHead: head ? { seq: Number(head.seq), n: Number(head.n), hash: head.hash as string } : null,
  };
}

let version: Promise<string> | undefined;
/**
 * The application's version, from its package.json, with the git commit it runs from when there is one
 * (`0.1.0+3ecb576`, `-dirty` when files differ from it): two installations of the same version number may
 * run different code. Without git or outside a checkout, the version alone.
 */
export function applicationVersion(): Promise<string> {
  version ??= Promise.all([
    readFile(new URL("../../package.json", import.meta.url), "utf8").then((text) => JSON.parse(text).version as string),
    gitCommit(),
  ]).then(([number, commit]) => (commit ? `${number}+${commit}` : number));
  return version;
}

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

async function gitCommit(): Promise<string | null> {
  const git = (...args: string[]) => promisify(execFile)("git", ["-C", ROOT, ...args], { timeout: 5_000 }).then((r) => r.stdout.trim());
  try {
    const commit = await git("rev-parse", "--short=12", "HEAD");
    const changed = await git("status", "--porcelain", "--untracked-files=no").catch(() => "");
    return /^[0-9a-f]{7,40}$/.test(commit) ? `${commit}${changed ? "-dirty" : ""}` : null;
  } catch {
    return null;
  }
}
