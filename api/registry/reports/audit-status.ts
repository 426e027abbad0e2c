import { readAnchors } from "../../audit/audit-anchor";
import { verifyAuditLog } from "../../audit/verify-audit";
import type { AppConfig } from "../../config";
import { connectAsApp } from "../../db/app-role";
import type { AuditCheck } from "./activity-figures";

/**
 * The audit chain's state for the report (issue #23): the same check as `rsu audit verify`, on a
 * connection of its own as the application role, and the latest anchor with a right MAC.
 */
export async function auditStatus(config: Pick<AppConfig, "databaseUrl" | "audit">): Promise<AuditCheck> {
  const sql = await connectAsApp(config.databaseUrl);
  try {
    const anchors = await readAnchors(config.audit.anchorFile, config.audit.anchorKey);
    const report = await verifyAuditLog(sql, config.audit.anchorKey, anchors);
    const a = report.latestAnchor;
    return {
      intact: report.ok,
      checkedRows: report.rows,
      findings: report.findings.length,
      anchor: a ? { seq: a.seq, rows: a.rows, hash: a.hash, at: a.at } : null,
    };
  } finally {
    await sql.end();
  }
}
