import { request } from "../../runtime/shared/request";

/** One row of the append-only audit log, as `GET /api/audit` serves it. */
export interface AuditRow {
  seq: number | string;
  at: string;
  actorId: string | null;
  actor: string;
  action: string;
  entityType: string;
  entityId: string | null;
  details: Record<string, unknown>;
  address: string | null;
  /** Null until the sequencer chains the row (within about a second). */
  prevHash: string | null;
  hash: string | null;
}

export interface AuditPage {
  items: AuditRow[];
  total: number;
}

export interface AuditQuery {
  actor?: string;
  entityType?: string;
  action?: string;
  /** Instants (ISO 8601): `from` included, `to` excluded. */
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

/** What the API writes today (api/services, workers): offered as filters, each with its words. */
export const AUDIT_ACTIONS = [
  "auth.login",
  "auth.login_failed",
  "auth.logout",
  "catalogue.import",
  "form.create",
  "form.publish",
  "submission.create",
  "household.create",
  "user.create",
  "user.update",
  "user.password_reset",
  "token.create",
  "token.revoke",
] as const;

export const AUDIT_ENTITY_TYPES = ["user", "api_token", "catalogue", "form", "form_version", "submission", "household"] as const;

export function listAudit(query: AuditQuery, signal?: AbortSignal): Promise<AuditPage> {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== "") params.set(name, String(value));
  return request(`/api/audit?${params}`, { signal, cache: "no-store" });
}
