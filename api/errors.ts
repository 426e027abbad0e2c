import { DriverException, ForeignKeyConstraintViolationException, UniqueConstraintViolationException } from "@mikro-orm/core";
import type { ErrorHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { Logger } from "./log";
import { Problem, problems } from "./problems";

/** What a client waits before retrying when PostgreSQL restarts or a failover is under way (#15). */
export const RETRY_AFTER_SECONDS = 5;

/**
 * The one error handler (DESIGN.md rule 5): problems are rendered as they are, database errors are
 * translated here and nowhere else, anything unexpected becomes a 500 that reveals nothing internal.
 */
export function handleError(logger: Logger): ErrorHandler {
  return (error, c) => {
    const problem = toProblem(error);
    // A deliberate 503 (readiness) is an answer, not an incident; anything unexpected is logged.
    if (!(error instanceof Problem) || problem.status === 500) {
      const log = problem.status >= 500 ? logger.error : logger.warn;
      log("request_failed", { method: c.req.method, path: c.req.path, status: problem.status, ...errorFields(error) });
    }
    // A 503 says when to come back; so does a 429 (sign-in throttling), from its own wait.
    const retryAfter =
      problem.status === 503 ? RETRY_AFTER_SECONDS : (problem.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (typeof retryAfter === "number") c.header("Retry-After", String(retryAfter));
    return c.json(problem.toBody(), problem.status);
  };
}

function toProblem(error: unknown): Problem {
  if (error instanceof Problem) return error;
  if (error instanceof UniqueConstraintViolationException) return uniqueViolation(error);
  if (error instanceof ForeignKeyConstraintViolationException) return problems.conflict();
  if (isDatabaseUnavailable(error)) return problems.serviceUnavailable({ postgres: "unreachable" });
  if (isRefusedValue(error)) return problems.valueRefused();
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

/**
 * PostgreSQL cannot answer for now: shutting down (57P01, 57P02), starting up or in recovery (57P03), any
 * connection failure (class 08), a refused or cut socket, a pool with no connection to give. Protocol
 * violation (08P01) is not one: it is what a NUL byte in a parameter provokes.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = errorCode(error);
  if (code === "08P01") return false;
  if (/^(08...|57P0[123]|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)$/.test(code)) return true;
  if (error.name === "KnexTimeoutError") return true;
  if (
    /Connection terminated|connection (error|timeout)|terminating connection|the database system is (starting up|shutting down)/i.test(
      error.message,
    )
  ) {
    return true;
  }
  return error instanceof AggregateError && error.errors.some(isDatabaseUnavailable);
}

/** Values PostgreSQL cannot store (data exception class 22, bad encoding): bad input, never an outage. */
function isRefusedValue(error: unknown): boolean {
  return error instanceof Error && /^(22...|08P01|54001)$/.test(errorCode(error));
}

function errorCode(error: Error): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : "";
}

/**
 * What may be logged of a thrown value. A database error's message holds the whole SQL statement with its
 * values, and its detail the offending key (a name, a national ID): only its class, SQLSTATE and schema
 * names are kept (DESIGN.md rule 3).
 */
function errorFields(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: typeof error };
  if (isDatabaseError(error)) {
    const { constraint, table, column, routine } = error as unknown as Record<string, unknown>;
    return { error: databaseErrorName(error), code: errorCode(error) || undefined, constraint, table, column, routine };
  }
  return { error: error.name, message: error.message, stack: error.stack };
}

/** One line for a log field, with the same care as `errorFields`. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && isDatabaseError(error)) {
    const code = errorCode(error);
    return `${databaseErrorName(error)}${code ? ` (${code})` : ""}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Errors from the driver: MikroORM's wrappers and pg's own (which carry `severity`). */
function isDatabaseError(error: Error): boolean {
  return error instanceof DriverException || "severity" in error || "sql" in error || "parameters" in error;
}

/** pg's own errors are all named "error". */
function databaseErrorName(error: Error): string {
  return error instanceof DriverException ? error.name : "DatabaseError";
}

/** A job's error stripped of SQL before BullMQ stores it in Redis as the failure reason. */
export function withoutSql(error: unknown): unknown {
  if (!(error instanceof Error) || !isDatabaseError(error)) return error;
  const safe = new Error(errorMessage(error));
  safe.name = databaseErrorName(error);
  return safe;
}
