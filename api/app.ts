import { Hono } from "hono";
import type { AppDeps, AppEnv } from "./app-env";
import { handleError } from "./errors";
import { problems } from "./problems";
import { formRoutes } from "./routes/forms";
import { healthRoutes } from "./routes/health";
import { householdRoutes } from "./routes/households";
import { staticRoutes } from "./routes/static";
import { submissionRoutes } from "./routes/submissions";

/** The whole HTTP application. It never listens: api/server.ts does, tests call `app.request()`. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use("/api/*", async (c, next) => {
    c.set("em", deps.orm.em.fork());
    await next();
  });
  app.route("/", healthRoutes(deps));
  app.route("/api/forms", formRoutes());
  app.route("/api/submissions", submissionRoutes(deps));
  app.route("/api/households", householdRoutes());
  app.all("/api/*", () => {
    throw problems.notFound();
  });
  if (deps.staticRoot) app.route("/", staticRoutes(deps.staticRoot));
  app.notFound(() => {
    throw problems.notFound();
  });
  app.onError(handleError(deps.logger));
  return app;
}
