import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { coversPlace, isAreaBound } from "../auth/actor";
import { allow } from "../middleware/authorize";
import { problems } from "../problems";
import { findHousehold, householdWithMembers, listHouseholds } from "../repositories/households.repository";
import { redactorFor } from "../services/redaction";
import { positiveInteger, uuid } from "./params";

export function householdRoutes() {
  return new Hono<AppEnv>()
    .get("/", allow("households:read"), async (c) => {
      const actor = c.get("actor")!;
      const result = await listHouseholds(c.get("em"), {
        commune: c.req.query("commune") || undefined,
        q: c.req.query("q") || undefined,
        areas: isAreaBound(actor) ? actor.areas : undefined,
        limit: positiveInteger("limit", c.req.query("limit"), { max: 500, fallback: 50 }),
        offset: positiveInteger("offset", c.req.query("offset"), { min: 0, max: 10_000_000, fallback: 0 }),
      }, await redactorFor(c.get("em"), actor));
      return c.json(result);
    })
    .get("/:id", allow("households:read"), async (c) => {
      const actor = c.get("actor")!;
      const household = await findHousehold(c.get("em"), uuid("id", c.req.param("id")));
      if (!household) throw problems.householdNotFound();
      if (!coversPlace(actor, household)) throw problems.outsideArea();
      return c.json(await householdWithMembers(c.get("em"), household, await redactorFor(c.get("em"), actor)));
    });
}
