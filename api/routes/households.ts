import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { problems } from "../problems";
import { findHouseholdWithMembers, listHouseholds } from "../repositories/households.repository";
import { positiveInteger, uuid } from "./params";

export function householdRoutes() {
  return new Hono<AppEnv>()
    .get("/", async (c) => {
      const result = await listHouseholds(c.get("em"), {
        commune: c.req.query("commune") || undefined,
        q: c.req.query("q") || undefined,
        limit: positiveInteger("limit", c.req.query("limit"), { max: 500, fallback: 50 }),
        offset: positiveInteger("offset", c.req.query("offset"), { min: 0, max: 10_000_000, fallback: 0 }),
      });
      return c.json(result);
    })
    .get("/:id", async (c) => {
      const household = await findHouseholdWithMembers(c.get("em"), uuid("id", c.req.param("id")));
      if (!household) throw problems.householdNotFound();
      return c.json(household);
    });
}
