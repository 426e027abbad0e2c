import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { compress } from "hono/compress";
import type { AppEnv } from "../app-env";
import { allow } from "../middleware/authorize";
import { describeRoute } from "../openapi/describe";
import { staticCaching } from "../middleware/cache-control";

/**
 * The built browser apps: the runtime (clerks) at /runtime/, the designer (back office) at /designer/.
 * The pages themselves are public; what they show comes from the API, which checks every call. Files are
 * sent brotli- or gzip-compressed as built (vite.config.ts) to browsers that accept it; those written after
 * the bundle (the service worker and its Workbox runtime) are gzipped as they are sent.
 */
export function staticRoutes(root: string) {
  return new Hono<AppEnv>()
    .get("/", allow("public"), describeRoute("Renvoie vers la saisie.", "Redirects to data entry.", { status: 302 }), (c) =>
      c.redirect("/runtime/"),
    )
    .get("/runtime", allow("public"), describeRoute("Renvoie vers /runtime/.", "Redirects to /runtime/.", { status: 302 }), (c) =>
      c.redirect("/runtime/"),
    )
    .get("/designer", allow("public"), describeRoute("Renvoie vers /designer/.", "Redirects to /designer/.", { status: 302 }), (c) =>
      c.redirect("/designer/"),
    )
    .get(
      "/*",
      allow("public"),
      describeRoute("Les fichiers des applications (saisie et registre).", "The apps' files (data entry and back office).", {
        mediaType: "text/html",
      }),
      staticCaching,
      compress(),
      serveStatic({ root, precompressed: true }),
    );
}
