import type { MikroORM } from "@mikro-orm/postgresql";
import { readAnchors, writeAnchor } from "../../api/audit/audit-anchor";
import { describeFinding } from "../../api/audit/audit-findings";
import { chainAuditNow } from "../../api/audit/chain-audit";
import { verifyAuditLog } from "../../api/audit/verify-audit";
import type { AppConfig } from "../../api/config";
import { connectAsApp } from "../../api/db/app-role";
import { createLogger } from "../../api/log";
import { raiseAlarm } from "../../api/services/incident-alarms";

/** Findings printed at most; the count says how many there were. */
const SHOWN = 50;

/**
 * rsu audit verify: exit 0 when the chain is whole and matches the anchors, 1 naming each tampering.
 * rsu audit chain: one sequencer run (when no workers process runs one), then an anchor.
 */
export async function audit(orm: MikroORM, args: string[], _operator: string, config: AppConfig): Promise<void> {
  if (args[0] !== "verify" && args[0] !== "chain") throw new Error("usage: rsu audit verify | rsu audit chain");
  const sql = await connectAsApp(config.databaseUrl);
  try {
    if (args[0] === "chain") {
      const run = await chainAuditNow(sql, config.audit.anchorKey);
      if (!run) return console.log("a workers process is chaining the audit log / un processus workers chaîne déjà le journal");
      const anchor = await writeAnchor(config.audit, run.head, createLogger(config.logLevel, "cli"));
      console.log(`chained ${run.added} rows; anchored seq=${anchor.seq} rows=${anchor.rows} in ${config.audit.anchorFile}`);
      return;
    }
    const anchorFile = await readAnchors(config.audit.anchorFile, config.audit.anchorKey);
    const report = await verifyAuditLog(sql, config.audit.anchorKey, anchorFile);
    const latest = report.latestAnchor;
    console.log(
      latest
        ? `latest anchor / dernière ancre: seq=${latest.seq} rows=${latest.rows} hash=${latest.hash} at=${latest.at} (${report.anchors} anchors in ${config.audit.anchorFile})`
        : `no anchor in ${config.audit.anchorFile}: a cut tail cannot be detected / aucune ancre : une fin supprimée ne peut être détectée`,
    );
    if (report.pending) console.log(`${report.pending} newer rows await the sequencer / lignes récentes attendent le séquenceur`);
    if (report.ok) {
      console.log(`audit log intact: ${report.rows} rows verified / journal d'audit intact : ${report.rows} lignes vérifiées`);
      return;
    }
    console.log(`audit log BROKEN: ${report.findings.length} finding(s) / journal d'audit ALTÉRÉ : ${report.findings.length} constat(s)`);
    for (const finding of report.findings.slice(0, SHOWN)) {
      const text = describeFinding(finding);
      console.log(`  [${finding.kind}] ${text.en}\n  [${finding.kind}] ${text.fr}`);
    }
    const kinds = [...new Set(report.findings.map((f) => f.kind))].sort();
    const { opened } = await raiseAlarm(
      orm.em.fork(),
      "audit_verification_failed",
      `findings=${report.findings.length} kinds=${kinds.join(",")}`,
    );
    console.log(
      opened
        ? "incident opened / incident ouvert"
        : "an incident of this alarm is already open / un incident de cette alarme est déjà ouvert",
    );
    process.exitCode = 1;
  } finally {
    await sql.end();
  }
}
