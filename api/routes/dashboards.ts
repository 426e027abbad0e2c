import { Hono, type Context } from "hono";
import { AREA_CODE } from "../../schemas/contracts/api";
import { AREA_LEVELS, INDICATOR_BREAKDOWNS } from "../../schemas/contracts/dashboards";
import type { AppEnv } from "../app-env";
import { allow } from "../middleware/authorize";
import { describeRoute, type QueryParameter } from "../openapi/describe";
import { dashboardResponse, indicatorResponse } from "../openapi/responses";
import { problems } from "../problems";
import type { DashboardPlace } from "../registry/dashboards/dashboard-figures";
import { dashboardFor, indicatorFor } from "../services/dashboards";
import { areaCode, oneOf, positiveInteger } from "./params";

const text = (fr: string, en: string) => ({ fr, en });

const PLACE: Record<string, QueryParameter> = {
  level: { schema: { enum: [...AREA_LEVELS], default: "country" }, about: text("Niveau administratif.", "Administrative level.") },
  area: {
    schema: { type: "string", pattern: AREA_CODE.source },
    about: text(
      "Code de l'île, de la préfecture ou de la commune (sauf pour le pays).",
      "Island, prefecture or commune code (not for the country).",
    ),
  },
};

/** Dashboards by area level (issue #17): `?level=island&area=1`; the country needs no area. Counts only, within the user's areas. */
export function dashboardRoutes() {
  return new Hono<AppEnv>()
    .get(
      "/",
      allow("dashboards:read"),
      describeRoute({
        summary: text("Chiffres du registre pour une zone, dans vos zones.", "The registry's figures for an area, within your areas."),
        query: {
          ...PLACE,
          days: { schema: { type: "integer", minimum: 1, maximum: 366, default: 30 }, about: text("Fenêtre en jours.", "Window in days.") },
        },
        errors: ["invalidParameter"],
        response: dashboardResponse,
      }),
      async (c) => {
        const days = positiveInteger("days", c.req.query("days"), { max: 366, fallback: 30 });
        return c.json(await dashboardFor(c.get("em"), c.get("actor")!, placeOf(c), days));
      },
    )
    .get(
      "/indicator",
      allow("dashboards:read"),
      describeRoute({
        summary: text("Une variable du catalogue comptée par valeur et par groupe.", "A catalogue variable counted by value and group."),
        query: {
          ...PLACE,
          variable: { schema: { type: "string" }, about: text("Code de la variable.", "Variable code."), required: true },
          breakdown: { schema: { enum: [...INDICATOR_BREAKDOWNS], default: "area" }, about: text("Ventilation.", "Breakdown.") },
        },
        errors: ["invalidParameter", "variableNotFound", "indicatorNotCountable", "indicatorNotGranted"],
        response: indicatorResponse,
      }),
      async (c) => {
        const variable = c.req.query("variable") ?? "";
        if (!/^[a-z][a-z0-9_]{0,99}$/.test(variable))
          throw invalid(
            "variable",
            text("« variable » doit être le code d'une variable du catalogue.", `"variable" must be the code of a catalogue variable.`),
          );
        const breakdown = oneOf("breakdown", c.req.query("breakdown"), INDICATOR_BREAKDOWNS) ?? "area";
        return c.json(await indicatorFor(c.get("em"), c.get("actor")!, variable, placeOf(c), breakdown));
      },
    );
}

function placeOf(c: Context<AppEnv>): DashboardPlace {
  const level = oneOf("level", c.req.query("level"), AREA_LEVELS) ?? "country";
  if (level === "country") return { level };
  const area = areaCode("area", c.req.query("area"));
  if (area === null) throw invalid("area", text(`« area » est requis au niveau ${level}.`, `"area" is required at level ${level}.`));
  return { level, area };
}

const invalid = (name: string, message: { fr: string; en: string }) =>
  problems.invalidParameter([{ pointer: `/${name}`, code: "invalid_parameter", message }]);
