import { DriverException, ForeignKeyConstraintViolationException, UniqueConstraintViolationException } from "@mikro-orm/core";
import type { ErrorHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { errorMessage, type Logger } from "./log";
import { Problem, problems } from "./problems";

/**
 * The one error handler (DESIGN.md rule 5): problems are rendered as they are, database errors are
 * translated here and nowhere else, anything unexpected becomes a 500 that reveals nothing internal.
 */
export function handleError(logger: Logger): ErrorHandler {
  return (error, c) => {
    const problem = toProblem(error);
    // A deliberate 503 (readiness) is an answer, not an incident; anything unexpected is logged.
    if (!(error instanceof Problem) || problem.status === 500) {
      logger.error("request_failed", { method: c.req.method, path: c.req.path, error: errorMessage(error) });
    }
    return c.json(problem.toBody(), problem.status);
  };
}

function toProblem(error: unknown): Problem {
  if (error instanceof Problem) return error;
  if (error instanceof UniqueConstraintViolationException) return uniqueViolation(error);
  if (error instanceof ForeignKeyConstraintViolationException) return problems.conflict();
  if (error instanceof DriverException && isConnectionFailure(error)) {
    return problems.serviceUnavailable({ postgres: "unreachable" });
  }
  if (error instanceof HTTPException && error.status < 500) {
    return new Problem(error.status, "http_error", { fr: "Requête refusée.", en: error.message || "Request refused." });
  }
  return problems.internal();
}

/**
 * The unique NIN index is the last line of defence (issue #14): the writers look a NIN up under its lock
 * first, so reaching it means a path that did not; it still says what is wrong, not a bare conflict.
 */
function uniqueViolation(error: UniqueConstraintViolationException): Problem {
  return (error as { constraint?: string }).constraint === "individuals_nin_unique" ? problems.ninHeld() : problems.conflict();
}

function isConnectionFailure(error: DriverException): boolean {
  const code = (error as { code?: string }).code ?? "";
  return code === "ECONNREFUSED" || code.startsWith("08") || code === "57P01";
}
