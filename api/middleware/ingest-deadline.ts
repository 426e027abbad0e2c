import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env";
import type { Logger } from "../log";
import { problems } from "../problems";

/**
 * A submission or a sign-in answered 503 once it has waited `ms` (issue #22). A PostgreSQL that crashed
 * or restarted resets its connections and the request fails at once; one behind a network that drops
 * everything never errs, and without a deadline the field app's request, and a pooled connection, would
 * wait for TCP to give up, a quarter of an hour later. The request's work is not cancelled: a submission
 * may still commit after its 503, which is why the client may resend it (same id, same answer).
 */
export function ingestDeadline(ms: number, logger: Logger): MiddlewareHandler<AppEnv> {
  return async function ingestDeadline(c, next) {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // A deliberate 503 is not logged by the error handler; this one is an outage someone must see.
        logger.warn("ingest_deadline_exceeded", { method: c.req.method, path: c.req.path, deadlineMs: ms });
        reject(problems.serviceUnavailable({ postgres: "not_answering" }));
      }, ms);
    });
    try {
      await Promise.race([next(), late]);
    } finally {
      clearTimeout(timer);
    }
  };
}
