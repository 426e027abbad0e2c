import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { auditActor } from "../auth/actor";
import { createProfile, getProfile, listProfiles, updateProfile } from "../imports/import-profiles";
import { allow } from "../middleware/authorize";
import { describeRoute } from "../openapi/describe";
import { jsonBody, readJson } from "../middleware/json-body";
import { importProfileSchema, type ImportProfileBody } from "../../schemas/imports/import-profile";
import { uuid } from "./params";
import { validateBody } from "./validate-body";

/** Saved mapping profiles of bulk import (issue #19). */
export function importProfileRoutes() {
  return new Hono<AppEnv>()
    .get("/", allow("imports:manage"), describeRoute("Les profils d'import.", "Import profiles."), async (c) =>
      c.json(await listProfiles(c.get("em"))),
    )
    .post(
      "/",
      allow("imports:manage"),
      describeRoute("Crée un profil d'import.", "Creates an import profile.", {
        body: importProfileSchema,
        status: 201,
        errors: ["profileInvalid", "profileNameTaken"],
      }),
      jsonBody(),
      async (c) => {
        const body = validateBody<ImportProfileBody>(importProfileSchema, await readJson(c));
        return c.json(await createProfile(c.get("em"), auditActor(c.get("actor"), c.get("address")), body), 201);
      },
    )
    .get(
      "/:id",
      allow("imports:manage"),
      describeRoute("Un profil d'import.", "An import profile.", { errors: ["invalidParameter", "profileNotFound"] }),
      async (c) => c.json(await getProfile(c.get("em"), uuid("id", c.req.param("id")))),
    )
    .put(
      "/:id",
      allow("imports:manage"),
      describeRoute("Modifie un profil d'import.", "Changes an import profile.", {
        body: importProfileSchema,
        errors: ["invalidParameter", "profileNotFound", "profileInvalid", "profileNameTaken"],
      }),
      jsonBody(),
      async (c) => {
        const body = validateBody<ImportProfileBody>(importProfileSchema, await readJson(c));
        return c.json(await updateProfile(c.get("em"), auditActor(c.get("actor"), c.get("address")), uuid("id", c.req.param("id")), body));
      },
    );
}
