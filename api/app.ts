import { Hono } from "hono";
import type { AppDeps, AppEnv } from "./app-env";
import { handleError } from "./errors";
import { createMetrics } from "./metrics/app-metrics";
import { authenticate } from "./middleware/authenticate";
import { denyUndeclared } from "./middleware/authorize";
import { entityManager } from "./middleware/entity-manager";
import { noStore } from "./middleware/cache-control";
import { requestMetrics } from "./middleware/request-metrics";
import { sameOrigin } from "./middleware/same-origin";
import { securityHeaders } from "./middleware/security-headers";
import { wellFormedText } from "./middleware/well-formed-text";
import { problems } from "./problems";
import { jobQueues } from "./queue/job-queues";
import { auditRoutes } from "./routes/audit";
import { authRoutes } from "./routes/auth";
import { catalogueExportRoutes } from "./routes/catalogue-export";
import { catalogueImportRoutes } from "./routes/catalogue-import";
import { catalogueReleaseRoutes } from "./routes/catalogue-releases";
import { codeListRoutes } from "./routes/code-lists";
import { designerConfigRoutes } from "./routes/designer-config";
import { exportRoutes } from "./routes/exports";
import { dashboardRoutes } from "./routes/dashboards";
import { formImportRoutes } from "./routes/form-import";
import { formRoutes } from "./routes/forms";
import { healthRoutes } from "./routes/health";
import { householdSyncRoutes } from "./routes/household-sync";
import { householdRoutes } from "./routes/households";
import { importProfileRoutes } from "./routes/import-profiles";
import { importRoutes } from "./routes/imports";
import { BACKUP_QUEUE } from "../schemas/contracts/jobs";
import { backupRoutes } from "./routes/backups";
import { incidentRoutes } from "./routes/incidents";
import { jobRoutes } from "./routes/jobs";
import { mergeRoutes } from "./routes/merges";
import { metricsRoutes } from "./routes/metrics";
import { openApiRoutes } from "./routes/openapi";
import { operationsRoutes } from "./routes/operations";
import { reportRoutes } from "./routes/reports";
import { reviewItemRoutes } from "./routes/review-items";
import { ingestDeadline } from "./middleware/ingest-deadline";
import { staticRoutes } from "./routes/static";
import { submissionRoutes } from "./routes/submissions";
import { tokenRoutes } from "./routes/tokens";
import { userRoutes } from "./routes/users";
import { variableRoutes } from "./routes/variables";
import { readOperationsFigures } from "./services/operations-figures";

/** The whole HTTP application. It never listens: api/server.ts does, tests call `app.request()`. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const metrics = createMetrics();
  const queues = jobQueues(deps.queue, deps.redis, deps.config.queuePrefix);
  const readFigures = () => readOperationsFigures({ config: deps.config, orm: deps.orm, queues });
  app.use(requestMetrics(metrics), securityHeaders, wellFormedText);
  app.use("/api/*", noStore, entityManager(deps.orm));
  // Before authentication, whose credential lookup waits for PostgreSQL too.
  app.on("POST", ["/api/submissions", "/api/auth/login"], ingestDeadline(deps.config.ingestDeadlineMs, deps.logger));
  app.use("/api/*", authenticate(deps.config), sameOrigin(deps.config), denyUndeclared);

  app.route("/", healthRoutes(deps));
  app.route("/", metricsRoutes(deps.config, metrics, readFigures));
  app.route("/api/auth", authRoutes(deps));
  app.route("/api/forms/import", formImportRoutes());
  app.route("/api/forms", formRoutes());
  app.route("/api/config", designerConfigRoutes(deps));
  app.route("/api/submissions", submissionRoutes(deps));
  app.route("/api/households", householdRoutes());
  app.route("/api/sync", householdSyncRoutes());
  app.route("/api/exports", exportRoutes(deps));
  app.route("/api/dashboards", dashboardRoutes());
  app.route("/api/review-items", reviewItemRoutes(deps));
  app.route("/api/merges", mergeRoutes());
  app.route("/api/jobs", jobRoutes(queues));
  app.route("/api/operations", operationsRoutes(readFigures));
  app.route("/api/incidents", incidentRoutes());
  app.route("/api/reports", reportRoutes(deps));
  app.route("/api/backups", backupRoutes(deps.config, queues.get(BACKUP_QUEUE)!));
  app.route("/api/users", userRoutes());
  app.route("/api/tokens", tokenRoutes());
  app.route("/api/audit", auditRoutes());
  app.route("/api/variables", variableRoutes());
  app.route("/api/code-lists", codeListRoutes());
  app.route("/api/catalogue/releases", catalogueReleaseRoutes());
  app.route("/api/catalogue/export", catalogueExportRoutes());
  app.route("/api/catalogue/import", catalogueImportRoutes());
  app.route("/api/imports", importRoutes(deps));
  app.route("/api/import-profiles", importProfileRoutes());
  app.route(
    "/api",
    openApiRoutes(() => app.routes),
  );
  if (deps.staticRoot) app.route("/", staticRoutes(deps.staticRoot));

  app.notFound(() => {
    throw problems.notFound();
  });
  app.onError(handleError(deps.logger));
  return app;
}
