import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { allow } from "../middleware/authorize";
import { problems } from "../problems";
import { findFormVersion, formVersionBody, listPublishedForms } from "../repositories/form-versions.repository";
import { positiveInteger } from "./params";

export function formRoutes() {
  return new Hono<AppEnv>()
    .get("/", allow("forms:read"), async (c) => c.json(await listPublishedForms(c.get("em"))))
    .get("/:id/versions/:version", allow("forms:read"), async (c) => {
      const formId = c.req.param("id");
      const version = positiveInteger("version", c.req.param("version"));
      const found = await findFormVersion(c.get("em"), formId, version);
      if (!found) throw problems.formVersionNotFound(formId, version);
      // A published version never changes: clients and proxies may keep it as long as they like.
      c.header("Cache-Control", "public, max-age=31536000, immutable");
      c.header("ETag", `"${found.checksum}"`);
      return c.json(formVersionBody(found));
    });
}
