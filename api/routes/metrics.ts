import { createHash, timingSafeEqual } from "node:crypto";
import { Hono, type MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env";
import type { AppConfig } from "../config";
import type { AppMetrics } from "../metrics/app-metrics";
import { allow } from "../middleware/authorize";
import { describeRoute } from "../openapi/describe";
import { problems } from "../problems";
import type { OperationsFigures } from "../../schemas/contracts/operations";

/**
 * `GET /metrics` for Prometheus (issue #23). Not for people and not public: the scraper sends
 * `Authorization: Bearer <METRICS_TOKEN>` (no user, no session, no database lookup); without the
 * setting the route answers 404, as if it did not exist.
 */
export function metricsRoutes(config: AppConfig, metrics: AppMetrics, readFigures: () => Promise<OperationsFigures>) {
  return new Hono<AppEnv>().get(
    "/metrics",
    allow("public"),
    describeRoute("Les métriques Prometheus (jeton METRICS_TOKEN).", "Prometheus metrics (METRICS_TOKEN).", {
      mediaType: "text/plain",
      errors: ["notFound", "unauthenticated"],
    }),
    metricsToken(config.metricsToken),
    async (c) => {
      metrics.setFigures(await readFigures());
      c.header("Cache-Control", "no-store");
      return c.body(await metrics.registry.metrics(), 200, { "content-type": metrics.registry.contentType });
    },
  );
}

function metricsToken(token: string | null): MiddlewareHandler<AppEnv> {
  const expected = token ? digest(token) : null;
  return async function metricsToken(c, next) {
    if (!expected) throw problems.notFound();
    const sent = /^Bearer (.+)$/i.exec(c.req.header("authorization") ?? "")?.[1];
    // Compared as digests: equal lengths, and the time taken says nothing about the token.
    if (!sent || !timingSafeEqual(digest(sent), expected)) {
      c.header("WWW-Authenticate", 'Bearer realm="metrics"');
      throw problems.unauthenticated();
    }
    await next();
  };
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}
