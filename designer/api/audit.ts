import { request } from "../../kit/request";

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

export function listAudit(query: AuditQuery, signal?: AbortSignal): Promise<AuditPage> {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== "") params.set(name, String(value));
  return request(`/api/audit?${params}`, { signal, cache: "no-store" });
}
