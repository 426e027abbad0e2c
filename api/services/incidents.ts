import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import {
  INCIDENT_SEVERITIES,
  INCIDENT_SYSTEMS,
  type Incident,
  type IncidentAlarm,
  type IncidentClosing,
  type IncidentUpdate,
  type NewIncident,
} from "../../schemas/contracts/incidents";
import { recordAudit, type AuditActor } from "../audit/record-audit";
import { queryRows, sqlArray } from "../db/plain-sql";
import { problems } from "../problems";

const text = (max: number) => ({ type: "string", minLength: 1, maxLength: max, pattern: "\\S" });

export const newIncidentSchema = {
  type: "object",
  required: ["severity", "title", "description", "systems"],
  additionalProperties: false,
  properties: {
    severity: { enum: INCIDENT_SEVERITIES },
    title: text(200),
    description: text(5000),
    systems: { type: "array", minItems: 1, uniqueItems: true, items: { enum: INCIDENT_SYSTEMS } },
  },
} as const;

export const incidentUpdateSchema = {
  type: "object",
  minProperties: 1,
  additionalProperties: false,
  properties: { severity: { enum: INCIDENT_SEVERITIES }, rootCause: text(5000), preventiveMeasure: text(5000) },
} as const;

export const incidentClosingSchema = {
  type: "object",
  required: ["rootCause", "preventiveMeasure"],
  additionalProperties: false,
  properties: { rootCause: text(5000), preventiveMeasure: text(5000) },
} as const;

export const incidentActionSchema = {
  type: "object",
  required: ["text"],
  additionalProperties: false,
  properties: { text: text(5000) },
} as const;

interface IncidentRow {
  id: string;
  number: number;
  severity: Incident["severity"];
  title: string;
  description: string;
  systems: Incident["systems"];
  status: Incident["status"];
  alarm: IncidentAlarm | null;
  opened_at: Date | string;
  opened_by: string | null;
  root_cause: string | null;
  preventive_measure: string | null;
  closed_at: Date | string | null;
  closed_by: string | null;
}

const SELECT = `select i.*, o.display_name as opened_by, c.display_name as closed_by
  from incidents i left join users o on o.id = i.opened_by left join users c on c.id = i.closed_by`;

/** Incidents, open ones first, then newest first; `from`/`to` bound the opening date (the report's period). */
export async function listIncidents(
  em: EntityManager,
  filter: { status?: "open" | "closed"; severity?: Incident["severity"]; from?: Date; to?: Date } = {},
): Promise<Incident[]> {
  const rows = await queryRows<IncidentRow>(
    em,
    `${SELECT} where (?::text is null or i.status = ?) and (?::text is null or i.severity = ?) and (?::timestamptz is null or i.opened_at >= ?) and (?::timestamptz is null or i.opened_at < ?)
     order by i.status = 'open' desc, i.opened_at desc, i.number desc`,
    [
      filter.status ?? null,
      filter.status ?? null,
      filter.severity ?? null,
      filter.severity ?? null,
      filter.from ?? null,
      filter.from ?? null,
      filter.to ?? null,
      filter.to ?? null,
    ],
  );
  const actions = rows.length
    ? await queryRows<{ id: string; incident_id: string; at: Date | string; by: string | null; text: string }>(
        em,
        `select a.id, a.incident_id, a.at, u.display_name as by, a.text from incident_actions a left join users u on u.id = a.by
         where a.incident_id = any(?::uuid[]) order by a.at, a.id`,
        [sqlArray(rows.map((r) => r.id))],
      )
    : [];
  return rows.map((row) => ({
    ...incident(row),
    actions: actions.filter((a) => a.incident_id === row.id).map((a) => ({ id: a.id, at: iso(a.at), by: a.by, text: a.text })),
  }));
}

export async function getIncident(em: EntityManager, id: string): Promise<Incident> {
  const [row] = await queryRows<{ id: string }>(em, `select id from incidents where id = ?`, [id]);
  if (!row) throw problems.incidentNotFound();
  return (await listIncidents(em)).find((i) => i.id === id)!;
}

/** Timestamps come back as text or Date depending on the statement's path. */
const iso = (value: Date | string) => new Date(value).toISOString();

function incident(row: IncidentRow): Omit<Incident, "actions"> {
  return {
    id: row.id,
    number: row.number,
    severity: row.severity,
    title: row.title,
    description: row.description,
    systems: row.systems,
    status: row.status,
    alarm: row.alarm,
    openedAt: iso(row.opened_at),
    openedBy: row.opened_by,
    rootCause: row.root_cause,
    preventiveMeasure: row.preventive_measure,
    closedAt: row.closed_at ? iso(row.closed_at) : null,
    closedBy: row.closed_by,
  };
}

/** Opens an incident, audited; an alarm's incident is opened only if none of that alarm is open already. */
export async function openIncident(
  em: EntityManager,
  actor: AuditActor,
  request: NewIncident & { alarm?: IncidentAlarm },
): Promise<{ id: string; opened: boolean }> {
  return em.transactional(async (tx) => {
    const id = randomUUID();
    const inserted = await queryRows<{ id: string; number: number }>(
      tx,
      `insert into incidents (id, severity, title, description, systems, status, alarm, opened_at, opened_by)
       values (?, ?, ?, ?, ?::text[], 'open', ?, now(), ?) on conflict ("alarm") where status = 'open' and alarm is not null do nothing
       returning id, number`,
      [id, request.severity, request.title, request.description, sqlArray(request.systems), request.alarm ?? null, actor.id],
    );
    if (!inserted.length) {
      const [open] = await queryRows<{ id: string }>(tx, `select id from incidents where status = 'open' and alarm = ?`, [request.alarm]);
      return { id: open!.id, opened: false };
    }
    await recordAudit(tx, actor, {
      action: "incident.open",
      entityType: "incident",
      entityId: id,
      details: { number: inserted[0]!.number, severity: request.severity, systems: request.systems, alarm: request.alarm ?? null },
    });
    return { id, opened: true };
  });
}

export async function recordIncidentAction(em: EntityManager, actor: AuditActor, id: string, actionText: string): Promise<void> {
  await em.transactional(async (tx) => {
    await openIncidentRow(tx, id);
    const actionId = randomUUID();
    await queryRows(tx, `insert into incident_actions (id, incident_id, at, by, text) values (?, ?, now(), ?, ?)`, [
      actionId,
      id,
      actor.id,
      actionText,
    ]);
    await recordAudit(tx, actor, { action: "incident.action", entityType: "incident", entityId: id, details: { actionId } });
  });
}

export async function updateIncident(em: EntityManager, actor: AuditActor, id: string, update: IncidentUpdate): Promise<void> {
  await em.transactional(async (tx) => {
    await openIncidentRow(tx, id);
    await queryRows(
      tx,
      `update incidents set severity = coalesce(?, severity), root_cause = coalesce(?, root_cause), preventive_measure = coalesce(?, preventive_measure) where id = ?`,
      [update.severity ?? null, update.rootCause ?? null, update.preventiveMeasure ?? null, id],
    );
    await recordAudit(tx, actor, {
      action: "incident.update",
      entityType: "incident",
      entityId: id,
      details: { fields: Object.keys(update).sort() },
    });
  });
}

export async function closeIncident(em: EntityManager, actor: AuditActor, id: string, closing: IncidentClosing): Promise<void> {
  await em.transactional(async (tx) => {
    await openIncidentRow(tx, id);
    await queryRows(
      tx,
      `update incidents set status = 'closed', root_cause = ?, preventive_measure = ?, closed_at = now(), closed_by = ? where id = ?`,
      [closing.rootCause, closing.preventiveMeasure, actor.id, id],
    );
    await recordAudit(tx, actor, { action: "incident.close", entityType: "incident", entityId: id });
  });
}

/** The incident, locked for this change; a closed one stays as it was closed. */
async function openIncidentRow(tx: EntityManager, id: string): Promise<void> {
  const [row] = await queryRows<{ status: string }>(tx, `select status from incidents where id = ? for update`, [id]);
  if (!row) throw problems.incidentNotFound();
  if (row.status !== "open") throw problems.incidentClosed();
}
