import { Hono, type Context } from "hono";
import { AREA_LEVELS, INDICATOR_BREAKDOWNS } from "../../schemas/contracts/dashboards";
import type { AppEnv } from "../app-env";
import { allow } from "../middleware/authorize";
import { problems } from "../problems";
import type { DashboardPlace } from "../registry/dashboards/dashboard-figures";
import { dashboardFor, indicatorFor } from "../services/dashboards";
import { oneOf, positiveInteger } from "./params";

/** Dashboards by area level (issue #17): `?level=island&area=1`; the country needs no area. */
export function dashboardRoutes() {
  return new Hono<AppEnv>()
    .get("/", allow("dashboards:read"), async (c) => {
      const days = positiveInteger("days", c.req.query("days"), { max: 366, fallback: 30 });
      return c.json(await dashboardFor(c.get("em"), c.get("actor")!, placeOf(c), days));
    })
    .get("/indicator", allow("dashboards:read"), async (c) => {
      const variable = c.req.query("variable") ?? "";
      if (!/^[a-z][a-z0-9_]{0,99}$/.test(variable))
        throw invalid("variable", { fr: "le code d'une variable du catalogue", en: "the code of a catalogue variable" });
      const breakdown = oneOf("breakdown", c.req.query("breakdown"), INDICATOR_BREAKDOWNS) ?? "area";
      return c.json(await indicatorFor(c.get("em"), c.get("actor")!, variable, placeOf(c), breakdown));
    });
}

function placeOf(c: Context<AppEnv>): DashboardPlace {
  const level = oneOf("level", c.req.query("level"), AREA_LEVELS) ?? "country";
  if (level === "country") return { level };
  const area = c.req.query("area") ?? "";
  if (!/^[0-9A-Za-z]{1,10}$/.test(area))
    throw invalid("area", { fr: `le code d'une zone de niveau ${level}`, en: `the code of an area of level ${level}` });
  return { level, area };
}

function invalid(name: string, what: { fr: string; en: string }) {
  return problems.invalidParameter([
    {
      pointer: `/${name}`,
      code: "invalid_parameter",
      message: { fr: `« ${name} » doit être ${what.fr}.`, en: `"${name}" must be ${what.en}.` },
    },
  ]);
}
