import type { LogLevel } from "./config";

/**
 * One JSON line per event on stderr. Callers pass ids, never names or national ID numbers
 * (DESIGN.md rule 3): the logger has no way to know what is personal, so it is the callers' duty.
 */
export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

const ORDER: LogLevel[] = ["debug", "info", "warn", "error"];

export function createLogger(level: LogLevel, component: string): Logger {
  const threshold = ORDER.indexOf(level);
  const write =
    (at: LogLevel) =>
    (event: string, fields: Record<string, unknown> = {}) => {
      if (ORDER.indexOf(at) < threshold) return;
      process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: at, component, event, ...fields })}\n`);
    };
  return { debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error") };
}

/** The message of an unknown thrown value, for logs. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
