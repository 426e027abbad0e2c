/**
 * The incident register (issue #23): opened by an administrator or by an alarm, followed by the actions
 * taken, closed with its root cause and the measure that keeps it from happening again.
 */
export const INCIDENT_SEVERITIES = ["minor", "major", "critical"] as const;
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];

/** The parts of the system an incident may touch. */
export const INCIDENT_SYSTEMS = ["database", "queue", "workers", "api", "backup", "audit", "network", "field", "other"] as const;
export type IncidentSystem = (typeof INCIDENT_SYSTEMS)[number];

/** What opens an incident by itself. */
export const INCIDENT_ALARMS = ["backup_failed", "queue_stuck", "audit_verification_failed"] as const;
export type IncidentAlarm = (typeof INCIDENT_ALARMS)[number];

export interface IncidentAction {
  id: string;
  at: string;
  /** Who recorded it; null: the system. */
  by: string | null;
  text: string;
}

export interface Incident {
  id: string;
  number: number;
  severity: IncidentSeverity;
  title: string;
  description: string;
  systems: IncidentSystem[];
  status: "open" | "closed";
  alarm: IncidentAlarm | null;
  openedAt: string;
  /** Display name of who opened it; null: an alarm. */
  openedBy: string | null;
  rootCause: string | null;
  preventiveMeasure: string | null;
  closedAt: string | null;
  closedBy: string | null;
  actions: IncidentAction[];
}

/** `POST /api/incidents`. */
export interface NewIncident {
  severity: IncidentSeverity;
  title: string;
  description: string;
  systems: IncidentSystem[];
}

/** `PATCH /api/incidents/:id`: what is known so far. */
export interface IncidentUpdate {
  severity?: IncidentSeverity;
  rootCause?: string;
  preventiveMeasure?: string;
}

/** `POST /api/incidents/:id/close`: an incident closes only with its root cause and preventive measure. */
export interface IncidentClosing {
  rootCause: string;
  preventiveMeasure: string;
}
