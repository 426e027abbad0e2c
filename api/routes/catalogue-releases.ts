import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { auditActor } from "../auth/actor";
import { allow } from "../middleware/authorize";
import { jsonBody, readJson } from "../middleware/json-body";
import {
  createRelease,
  findRelease,
  listReleases,
  releaseDiff,
  releaseSchema,
  releaseView,
  type NewRelease,
} from "../services/catalogue-releases";
import { positiveInteger } from "./params";
import { validateBody } from "./validate-body";

export function catalogueReleaseRoutes() {
  return new Hono<AppEnv>()
    .get("/", allow("catalogue:read"), async (c) => c.json(await listReleases(c.get("em"))))
    .get("/:id", allow("catalogue:read"), async (c) => {
      const release = await findRelease(c.get("em"), positiveInteger("id", c.req.param("id")));
      // A release never changes once made.
      c.header("Cache-Control", "private, max-age=31536000, immutable");
      return c.json(releaseView(release, true));
    })
    .get("/:id/diff", allow("catalogue:read"), async (c) => {
      const against = c.req.query("against") ?? "current";
      const base = against === "current" ? "current" : positiveInteger("against", against);
      return c.json(await releaseDiff(c.get("em"), positiveInteger("id", c.req.param("id")), base));
    })
    .post("/", allow("catalogue:write"), jsonBody(), async (c) => {
      const input = validateBody<NewRelease>(releaseSchema, await readJson(c));
      return c.json(await createRelease(c.get("em"), auditActor(c.get("actor"), c.get("address")), input), 201);
    });
}
