import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { auditActor } from "../auth/actor";
import { allow } from "../middleware/authorize";
import { describeRoute } from "../openapi/describe";
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
    .get("/", allow("catalogue:read"), describeRoute("Les versions du catalogue.", "Catalogue releases."), async (c) =>
      c.json(await listReleases(c.get("em"))),
    )
    .get(
      "/:id",
      allow("catalogue:read"),
      describeRoute("Une version du catalogue.", "A catalogue release.", { errors: ["releaseNotFound", "invalidParameter"] }),
      async (c) => {
        const release = await findRelease(c.get("em"), positiveInteger("id", c.req.param("id")));
        // A release never changes once made.
        c.header("Cache-Control", "private, max-age=31536000, immutable");
        return c.json(releaseView(release, true));
      },
    )
    .get(
      "/:id/diff",
      allow("catalogue:read"),
      describeRoute(
        "Différences entre une version du catalogue et une autre (ou l'actuel).",
        "Differences between a catalogue release and another (or the current one).",
        { errors: ["releaseNotFound", "invalidParameter"] },
      ),
      async (c) => {
        const against = c.req.query("against") ?? "current";
        const base = against === "current" ? "current" : positiveInteger("against", against);
        return c.json(await releaseDiff(c.get("em"), positiveInteger("id", c.req.param("id")), base));
      },
    )
    .post(
      "/",
      allow("catalogue:write"),
      describeRoute("Crée une version du catalogue.", "Creates a catalogue release.", {
        body: releaseSchema,
        status: 201,
        errors: ["releaseNameTaken"],
      }),
      jsonBody(),
      async (c) => {
        const input = validateBody<NewRelease>(releaseSchema, await readJson(c));
        return c.json(await createRelease(c.get("em"), auditActor(c.get("actor"), c.get("address")), input), 201);
      },
    );
}
