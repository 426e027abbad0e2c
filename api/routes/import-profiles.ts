import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { auditActor } from "../auth/actor";
import { createProfile, getProfile, listProfiles, updateProfile } from "../imports/import-profiles";
import { allow } from "../middleware/authorize";
import { jsonBody, readJson } from "../middleware/json-body";
import { importProfileSchema, type ImportProfileBody } from "../../schemas/imports/import-profile";
import { uuid } from "./params";
import { validateBody } from "./validate-body";

/** Saved mapping profiles of bulk import (issue #19). */
export function importProfileRoutes() {
  return new Hono<AppEnv>()
    .get("/", allow("imports:manage"), async (c) => c.json(await listProfiles(c.get("em"))))
    .post("/", allow("imports:manage"), jsonBody(), async (c) => {
      const body = validateBody<ImportProfileBody>(importProfileSchema, await readJson(c));
      return c.json(await createProfile(c.get("em"), auditActor(c.get("actor"), c.get("address")), body), 201);
    })
    .get("/:id", allow("imports:manage"), async (c) => c.json(await getProfile(c.get("em"), uuid("id", c.req.param("id")))))
    .put("/:id", allow("imports:manage"), jsonBody(), async (c) => {
      const body = validateBody<ImportProfileBody>(importProfileSchema, await readJson(c));
      return c.json(await updateProfile(c.get("em"), auditActor(c.get("actor"), c.get("address")), uuid("id", c.req.param("id")), body));
    });
}
