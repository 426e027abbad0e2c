import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { allow } from "../middleware/authorize";
import { staticCaching } from "../middleware/cache-control";

/**
 * The built browser apps: the runtime (clerks) at /runtime/, the designer (back office) at /designer/.
 * The pages themselves are public; what they show comes from the API, which checks every call. Files are
 * sent brotli- or gzip-compressed as built (vite.config.ts) to browsers that accept it.
 */
export function staticRoutes(root: string) {
  return new Hono<AppEnv>()
    .get("/", allow("public"), (c) => c.redirect("/runtime/"))
    .get("/runtime", allow("public"), (c) => c.redirect("/runtime/"))
    .get("/designer", allow("public"), (c) => c.redirect("/designer/"))
    .get("/*", allow("public"), staticCaching, serveStatic({ root, precompressed: true }));
}
