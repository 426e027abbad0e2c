import { type Context, Hono } from "hono";
import { INCIDENT_SEVERITIES, type IncidentClosing, type IncidentUpdate, type NewIncident } from "../../schemas/contracts/incidents";
import type { AppEnv } from "../app-env";
import { auditActor } from "../auth/actor";
import { allow } from "../middleware/authorize";
import { describeRoute } from "../openapi/describe";
import { jsonBody, readJson } from "../middleware/json-body";
import {
  closeIncident,
  getIncident,
  incidentActionSchema,
  incidentClosingSchema,
  incidentUpdateSchema,
  listIncidents,
  newIncidentSchema,
  openIncident,
  recordIncidentAction,
  updateIncident,
} from "../services/incidents";
import { oneOf, uuid } from "./params";
import { validateBody } from "./validate-body";

const actorOf = (c: Context<AppEnv>) => auditActor(c.get("actor")!, c.get("address"));

/** The incident register (issue #23), for administrators; every change is audited. */
export function incidentRoutes() {
  return new Hono<AppEnv>()
    .get(
      "/",
      allow("operations:manage"),
      describeRoute("Le registre des incidents.", "The incident register.", { errors: ["invalidParameter"] }),
      async (c) =>
        c.json({
          items: await listIncidents(c.get("em"), {
            status: oneOf("status", c.req.query("status"), ["open", "closed"] as const),
            severity: oneOf("severity", c.req.query("severity"), INCIDENT_SEVERITIES),
          }),
        }),
    )
    .post(
      "/",
      allow("operations:manage"),
      describeRoute("Ouvre un incident.", "Opens an incident.", { body: newIncidentSchema, status: 201 }),
      jsonBody(),
      async (c) => {
        const request = validateBody<NewIncident>(newIncidentSchema, await readJson(c));
        const { id } = await openIncident(c.get("em"), actorOf(c), request);
        return c.json(await getIncident(c.get("em"), id), 201);
      },
    )
    .get(
      "/:id",
      allow("operations:manage"),
      describeRoute("Un incident et ses actions.", "An incident and its actions.", { errors: ["incidentNotFound", "invalidParameter"] }),
      async (c) => c.json(await getIncident(c.get("em"), uuid("id", c.req.param("id")))),
    )
    .patch(
      "/:id",
      allow("operations:manage"),
      describeRoute(
        "Modifie un incident ouvert (cause, mesure préventive…).",
        "Changes an open incident (root cause, preventive measure…).",
        { body: incidentUpdateSchema, errors: ["incidentNotFound", "incidentClosed", "invalidParameter"] },
      ),
      jsonBody(),
      async (c) => {
        const id = uuid("id", c.req.param("id"));
        await updateIncident(c.get("em"), actorOf(c), id, validateBody<IncidentUpdate>(incidentUpdateSchema, await readJson(c)));
        return c.json(await getIncident(c.get("em"), id));
      },
    )
    .post(
      "/:id/actions",
      allow("operations:manage"),
      describeRoute("Note une action menée.", "Records an action taken.", {
        body: incidentActionSchema,
        status: 201,
        errors: ["incidentNotFound", "incidentClosed", "invalidParameter"],
      }),
      jsonBody(),
      async (c) => {
        const id = uuid("id", c.req.param("id"));
        const { text } = validateBody<{ text: string }>(incidentActionSchema, await readJson(c));
        await recordIncidentAction(c.get("em"), actorOf(c), id, text);
        return c.json(await getIncident(c.get("em"), id), 201);
      },
    )
    .post(
      "/:id/close",
      allow("operations:manage"),
      describeRoute("Clôt un incident.", "Closes an incident.", {
        body: incidentClosingSchema,
        errors: ["incidentNotFound", "incidentClosed", "invalidParameter"],
      }),
      jsonBody(),
      async (c) => {
        const id = uuid("id", c.req.param("id"));
        await closeIncident(c.get("em"), actorOf(c), id, validateBody<IncidentClosing>(incidentClosingSchema, await readJson(c)));
        return c.json(await getIncident(c.get("em"), id));
      },
    );
}
