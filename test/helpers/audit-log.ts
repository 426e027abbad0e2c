import pg from "pg";
import { readAnchors, writeAnchor } from "../../api/audit/audit-anchor";
import { chainAuditNow } from "../../api/audit/chain-audit";
import { type AuditReport, verifyAuditLog } from "../../api/audit/verify-audit";
import type { AppConfig } from "../../api/config";
import { connectAsApp } from "../../api/db/app-role";
import { createLogger } from "../../api/log";

/** Runs `work` as the application role on a connection of its own. */
export async function asApp<T>(config: AppConfig, work: (sql: pg.Client) => Promise<T>): Promise<T> {
  const sql = await connectAsApp(config.databaseUrl);
  try {
    return await work(sql);
  } finally {
    await sql.end();
  }
}

/** Runs `work` as the test database's owner (a superuser here): what an attacker with database access holds. */
export async function asOwner<T>(config: AppConfig, work: (sql: pg.Client) => Promise<T>): Promise<T> {
  const sql = new pg.Client({ connectionString: config.databaseUrl });
  await sql.connect();
  try {
    return await work(sql);
  } finally {
    await sql.end();
  }
}

/** What the workers' sequencer does within a second: chains every committed row, then anchors the head. */
export function chainAndAnchor(config: AppConfig): Promise<void> {
  return asApp(config, async (sql) => {
    const run = await chainAuditNow(sql, config.audit.anchorKey);
    if (!run) throw new Error("a sequencer is already running on this test's database");
    await writeAnchor(config.audit, run.head, createLogger("error", "test"));
  });
}

/** `rsu audit verify` without the process. */
export function verifyAudit(config: AppConfig): Promise<AuditReport> {
  return asApp(config, async (sql) =>
    verifyAuditLog(sql, config.audit.anchorKey, await readAnchors(config.audit.anchorFile, config.audit.anchorKey)),
  );
}
