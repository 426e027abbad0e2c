import type { MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import type { AppEnv } from "../app-env";
import type { AppMetrics, SubmissionOutcome } from "../metrics/app-metrics";
import { Problem } from "../problems";

/**
 * Times every request under its declared route (`/api/households/:id`, never the concrete path, so that
 * the number of series stays bounded; `unmatched` for addresses no route serves), and counts what became
 * of each submission sent (issue #23).
 */
export function requestMetrics(metrics: AppMetrics): MiddlewareHandler<AppEnv> {
  return async function requestMetrics(c, next) {
    const started = process.hrtime.bigint();
    await next();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    // The handler that answered (or threw): every route of the router matching the path is listed, the
    // static files' `/*` included, so the last of them is not the one.
    const answered = matchedRoutes(c)[c.req.routeIndex];
    const route = answered && answered.method !== "ALL" ? answered.path : "unmatched";
    const status = c.res.status;
    metrics.observeRequest({ method: c.req.method, route, status }, seconds);
    if (c.req.method === "POST" && route === "/api/submissions") {
      const outcome = submissionOutcome(status, c.error, c.get("submissionResent") === true);
      if (outcome) metrics.countSubmission(outcome);
    }
  };
}

/**
 * A server error is not the submission's doing: it is counted by its status only. An outbox sending an
 * accepted submission again is answered 202 too, but is not a new submission.
 */
function submissionOutcome(status: number, error: Error | undefined, resent: boolean): SubmissionOutcome | null {
  if (status === 202) return resent ? "resent" : "accepted";
  if (status >= 500) return null;
  return error instanceof Problem && error.code === "submission_invalid" ? "invalid" : "rejected";
}
