import type { EntityManager } from "@mikro-orm/postgresql";
import type { IncidentAlarm, NewIncident } from "../../schemas/contracts/incidents";
import { systemActor } from "../auth/actor";
import { queryRows } from "../db/plain-sql";
import { openIncident } from "./incidents";

/** What each alarm opens: French first, then English; the details added are codes and figures only. */
const ALARMS: Record<IncidentAlarm, NewIncident> = {
  backup_failed: {
    severity: "major",
    systems: ["backup", "database"],
    title: "Sauvegarde en échec / Backup failed",
    description: "Une sauvegarde ou sa vérification a échoué. / A backup or its verification failed.",
  },
  queue_stuck: {
    severity: "major",
    systems: ["queue", "workers"],
    title: "Intégration bloquée / Integration stuck",
    description:
      "Des envois acceptés attendent leur intégration depuis trop longtemps. / Accepted submissions have waited too long for integration.",
  },
  audit_verification_failed: {
    severity: "critical",
    systems: ["audit", "database"],
    title: "Journal d'audit altéré / Audit log tampered with",
    description: "La vérification du journal d'audit a relevé des altérations. / Verifying the audit log found tampering.",
  },
};

/**
 * Opens the alarm's incident (issue #23), unless one of that alarm is still open: an alarm that keeps
 * ringing does not bury the register. Returns whether a new incident was opened.
 */
export async function raiseAlarm(em: EntityManager, alarm: IncidentAlarm, detail: string): Promise<{ id: string; opened: boolean }> {
  const base = ALARMS[alarm];
  return openIncident(em, systemActor("alarm"), { ...base, description: `${base.description}\n${detail}`, alarm });
}

/** The workers' watch: the oldest accepted submission not integrated yet has waited longer than `limitSeconds`. */
export async function checkQueueStuck(em: EntityManager, limitSeconds: number): Promise<boolean> {
  const [row] = await queryRows<{ rows: number; lag: number | null }>(
    em,
    `select count(*)::int as rows, extract(epoch from now() - min(created_at))::float8 as lag from outbox`,
    [],
  );
  if (row!.lag === null || row!.lag <= limitSeconds) return false;
  await raiseAlarm(em, "queue_stuck", `outbox_rows=${row!.rows} oldest_seconds=${Math.round(row!.lag)} limit_seconds=${limitSeconds}`);
  return true;
}
