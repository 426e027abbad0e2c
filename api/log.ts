import pino, { type DestinationStream } from "pino";
import type { LogLevel } from "./config";

export { errorMessage } from "./errors";

/**
 * One JSON line per event on stderr (pino). Callers pass ids and codes, never names, national ID numbers,
 * answers or SQL (DESIGN.md rule 3); database errors are reduced to their SQLSTATE in api/errors.ts, and
 * the fields named below are censored should one slip through anyway.
 */
export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

const SECRET_FIELDS = ["sql", "parameters", "params", "bindings", "detail", "password", "secret", "token", "authorization", "cookie"];
const PERSONAL_FIELDS = ["nin", "name", "firstName", "lastName", "displayName", "birthDate", "data", "answers"];
const REDACT = [...SECRET_FIELDS, ...PERSONAL_FIELDS].flatMap((field) => [field, `*.${field}`]);

/** `destination` defaults to stderr, written synchronously so that a crash loses no line; tests pass their own. */
export function createLogger(
  level: LogLevel,
  component: string,
  destination: DestinationStream = pino.destination({ dest: 2, sync: true }),
): Logger {
  const log = pino(
    {
      level,
      base: { component },
      messageKey: "event",
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT, censor: "[redacted]" },
    },
    destination,
  );
  const at =
    (method: LogLevel) =>
    (event: string, fields: Record<string, unknown> = {}) =>
      log[method](fields, event);
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}
