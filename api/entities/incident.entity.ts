import { defineEntity, p } from "@mikro-orm/core";
import type { IncidentAlarm, IncidentSeverity, IncidentSystem } from "../../schemas/contracts/incidents";

/**
 * An incident of the register (issue #23). Written with plain SQL (api/services/incidents.ts); declared
 * here so that the schema stays what the entities describe. `alarm`: the alarm that opened it, one open
 * incident per alarm at a time.
 */
export const Incident = defineEntity({
  name: "Incident",
  tableName: "incidents",
  indexes: [
    {
      name: "incidents_open_alarm_unique",
      expression: `create unique index "incidents_open_alarm_unique" on "incidents" ("alarm") where "status" = 'open' and "alarm" is not null`,
    },
  ],
  properties: {
    id: p.uuid().primary(),
    number: p.integer().autoincrement().unique(),
    severity: p.string().$type<IncidentSeverity>().length(10),
    title: p.string().length(200),
    description: p.text(),
    systems: p.array<IncidentSystem>(),
    status: p.string().$type<"open" | "closed">().length(10),
    alarm: p.string().$type<IncidentAlarm>().length(40).nullable(),
    openedAt: p.datetime().index(),
    openedBy: p.uuid().nullable(),
    rootCause: p.text().nullable(),
    preventiveMeasure: p.text().nullable(),
    closedAt: p.datetime().nullable(),
    closedBy: p.uuid().nullable(),
  },
});

/** Something done about an incident, by whom and when. */
export const IncidentAction = defineEntity({
  name: "IncidentAction",
  tableName: "incident_actions",
  indexes: [{ name: "incident_actions_incident_id_index", properties: ["incidentId", "at"] }],
  properties: {
    id: p.uuid().primary(),
    incidentId: p.uuid(),
    at: p.datetime(),
    by: p.uuid().nullable(),
    text: p.text(),
  },
});
