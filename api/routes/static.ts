import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import type { AppEnv } from "../app-env";

/** The built browser apps: the runtime (clerks) at /runtime/, the designer (back office) at /designer/. */
export function staticRoutes(root: string) {
  return new Hono<AppEnv>()
    .get("/", (c) => c.redirect("/runtime/"))
    .get("/runtime", (c) => c.redirect("/runtime/"))
    .get("/designer", (c) => c.redirect("/designer/"))
    .use("/*", serveStatic({ root }));
}
