import { isTimeZone } from "../schemas/contracts/local-time";

/**
 * Configuration, read once per entry point (DESIGN.md rule 7) into a typed, frozen object.
 * Nothing else in the code reads process.env: entry points call `loadConfig(process.env)` and pass the
 * result down. A missing or malformed value throws a ConfigError whose message is one line for the operator.
 */
export type LogLevel = "debug" | "info" | "warn" | "error";

export interface AppConfig {
  readonly databaseUrl: string;
  /** Migrations connect with this URL: the owner of the schema (DATABASE_URL when unset). */
  readonly migrationDatabaseUrl: string;
  readonly redisUrl: string;
  readonly host: string;
  readonly port: number;
  readonly sessionSecret: string;
  /** SurveyJS Creator licence key, supplied by the deployer; the designer shows a banner without it. */
  readonly surveyJsLicenseKey: string | null;
  readonly logLevel: LogLevel;
  /** The registry's local time (an IANA zone): report months and days begin at its midnight. */
  readonly timeZone: string;
  /** Prefix of every BullMQ key in Redis, so that several instances can share one Redis. */
  readonly queuePrefix: string;
  readonly workerConcurrency: number;
  /** Received submissions one integration job may take into its transaction (1: one at a time). */
  readonly integrationBatchSize: number;
  /** Group commit of submissions (issue #22): rows per transaction at most, and how long a batch waits to fill. */
  readonly submissionBatch: { readonly maxSize: number; readonly maxWaitMs: number };
  /** How long a submission or a sign-in may wait for PostgreSQL before it is answered 503 (a stalled network). */
  readonly ingestDeadlineMs: number;
  /** How often the outbox relay looks for submissions whose job never reached Redis. */
  readonly relayIntervalMs: number;
  /** How long an enqueued submission may wait before the relay enqueues it again (a no-op if the job exists). */
  readonly relayGraceMs: number;
  readonly production: boolean;
  /** A session ends after this long without a request… */
  readonly sessionIdleMs: number;
  /** …and in any case this long after sign-in. */
  readonly sessionMaxAgeMs: number;
  /** Behind a reverse proxy: trust X-Forwarded-For / X-Forwarded-Proto for the address and https. */
  readonly trustProxy: boolean;
  /** Sign-in throttling per (account, address): failures allowed, the first wait, and the cap of the doubling waits. */
  readonly loginMaxFailures: number;
  readonly loginLockMs: number;
  readonly loginMaxLockMs: number;
  /** Person matching (issue #14): a match probability ≥ link links to the existing person, ≥ review asks a supervisor. */
  readonly matchThresholds: { readonly link: number; readonly review: number };
  /** Accepted submissions waiting longer than this for integration open a « queue stuck » incident (issue #23). */
  readonly queueStuckSeconds: number;
  /** Bearer token Prometheus sends to read /metrics (issue #23); null: /metrics is off. Never logged. */
  readonly metricsToken: string | null;
  /** Registry exports (issue #17): where files are written (shared by the API and the workers) and how long they are kept. */
  readonly exports: { readonly dir: string; readonly keepMs: number };
  /** The audit log's sequencer and anchors (api/audit/): never logged, required in production. */
  readonly audit: {
    readonly anchorKey: string;
    readonly anchorFile: string;
    readonly anchorIntervalMs: number;
    readonly chainIntervalMs: number;
  };
  /** Scheduled backups (issue #16): where, when, how many kept, and when their absence is an alarm. */
  readonly backup: BackupConfig;
}

export interface BackupConfig {
  readonly dir: string;
  /** Daily time of day ("HH:MM", the server's time zone), or null: no scheduled backups. */
  readonly timeOfDay: { readonly hour: number; readonly minute: number } | null;
  /** A backup every this many milliseconds instead of daily (small installations, tests); null: daily. */
  readonly everyMs: number | null;
  readonly keep: { readonly daily: number; readonly weekly: number; readonly monthly: number };
  /** The last verified backup older than this is an alarm. */
  readonly maxAgeMs: number;
  /** A file holding the passphrase scheduled backups are encrypted with (null: not encrypted). */
  readonly passphraseFile: string | null;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

const DEV_SESSION_SECRET = "rsu-development-secret-never-use-in-production";
const DEV_AUDIT_ANCHOR_KEY = "rsu-development-audit-key-never-use-in-production";

export function loadConfig(env: Env): AppConfig {
  const production = env.NODE_ENV === "production";
  const sessionSecret = env.SESSION_SECRET ?? (production ? undefined : DEV_SESSION_SECRET);
  if (!sessionSecret || sessionSecret.length < 32) {
    throw new ConfigError("SESSION_SECRET must be set to at least 32 characters in production (NODE_ENV=production).");
  }
  const databaseUrl = url(env, "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/rsu", ["postgres:", "postgresql:"]);
  return Object.freeze({
    databaseUrl,
    migrationDatabaseUrl: url(env, "MIGRATION_DATABASE_URL", databaseUrl, ["postgres:", "postgresql:"]),
    redisUrl: url(env, "REDIS_URL", "redis://127.0.0.1:6379/0", ["redis:", "rediss:"]),
    host: env.HOST || "127.0.0.1",
    port: integer(env, "PORT", 3000, 0, 65535),
    sessionSecret,
    surveyJsLicenseKey: env.SURVEYJS_LICENSE_KEY || null,
    logLevel: oneOf(env, "LOG_LEVEL", "info", ["debug", "info", "warn", "error"] as const),
    timeZone: timeZone(env),
    queuePrefix: pattern(env, "QUEUE_PREFIX", "rsu", /^[a-z0-9_-]{1,40}$/i),
    workerConcurrency: integer(env, "WORKER_CONCURRENCY", 4, 1, 64),
    integrationBatchSize: integer(env, "INTEGRATION_BATCH_SIZE", 50, 1, 500),
    submissionBatch: Object.freeze({
      maxSize: integer(env, "SUBMISSION_BATCH_SIZE", 50, 1, 1000),
      maxWaitMs: integer(env, "SUBMISSION_BATCH_WAIT_MS", 2, 0, 10_000),
    }),
    ingestDeadlineMs: integer(env, "INGEST_DEADLINE_MS", 10_000, 100, 600_000),
    relayIntervalMs: integer(env, "RELAY_INTERVAL_MS", 5_000, 50, 3_600_000),
    relayGraceMs: integer(env, "RELAY_GRACE_MS", 30_000, 0, 86_400_000),
    production,
    sessionIdleMs: integer(env, "SESSION_IDLE_MINUTES", 30, 1, 24 * 60) * 60_000,
    sessionMaxAgeMs: integer(env, "SESSION_MAX_HOURS", 12, 1, 24 * 30) * 3_600_000,
    trustProxy: oneOf(env, "TRUST_PROXY", "false", ["true", "false"] as const) === "true",
    loginMaxFailures: integer(env, "LOGIN_MAX_FAILURES", 5, 1, 100),
    loginLockMs: integer(env, "LOGIN_LOCK_SECONDS", 30, 0, 86_400) * 1000,
    loginMaxLockMs: integer(env, "LOGIN_MAX_LOCK_SECONDS", 900, 1, 86_400) * 1000,
    matchThresholds: matchThresholds(env),
    metricsToken: metricsToken(env),
    queueStuckSeconds: integer(env, "QUEUE_STUCK_MINUTES", 15, 1, 24 * 60) * 60,
    exports: Object.freeze({
      dir: env.EXPORT_DIR || "data/exports",
      keepMs: integer(env, "EXPORT_KEEP_HOURS", 24, 1, 24 * 90) * 3_600_000,
    }),
    audit: audit(env, production),
    backup: backup(env),
  });
}

function backup(env: Env): BackupConfig {
  const time = env.BACKUP_TIME || "02:30";
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (time !== "off" && !match) throw new ConfigError(`BACKUP_TIME must be HH:MM (24 h) or "off", got "${time}".`);
  const every = env.BACKUP_EVERY_SECONDS;
  return Object.freeze({
    dir: env.BACKUP_DIR || "data/backups",
    timeOfDay: match ? Object.freeze({ hour: Number(match[1]), minute: Number(match[2]) }) : null,
    everyMs: every ? integer(env, "BACKUP_EVERY_SECONDS", 86_400, 1, 31 * 86_400) * 1000 : null,
    keep: Object.freeze({
      daily: integer(env, "BACKUP_KEEP_DAILY", 7, 1, 366),
      weekly: integer(env, "BACKUP_KEEP_WEEKLY", 4, 0, 520),
      monthly: integer(env, "BACKUP_KEEP_MONTHLY", 12, 0, 1200),
    }),
    maxAgeMs: integer(env, "BACKUP_MAX_AGE_HOURS", 26, 1, 24 * 366) * 3_600_000,
    passphraseFile: env.BACKUP_PASSPHRASE_FILE || null,
  });
}

function audit(env: Env, production: boolean): AppConfig["audit"] {
  const anchorKey = env.AUDIT_ANCHOR_KEY ?? (production ? undefined : DEV_AUDIT_ANCHOR_KEY);
  if (!anchorKey || anchorKey.length < 32) {
    throw new ConfigError("AUDIT_ANCHOR_KEY must be set to at least 32 characters in production (NODE_ENV=production).");
  }
  return Object.freeze({
    anchorKey,
    anchorFile: env.AUDIT_ANCHOR_FILE || "data/audit-anchors.jsonl",
    anchorIntervalMs: integer(env, "AUDIT_ANCHOR_INTERVAL_SECONDS", 300, 1, 86_400) * 1000,
    chainIntervalMs: integer(env, "AUDIT_CHAIN_INTERVAL_MS", 500, 50, 60_000),
  });
}

function metricsToken(env: Env): string | null {
  const token = env.METRICS_TOKEN;
  if (token === undefined || token === "") return null;
  if (token.length < 32) throw new ConfigError("METRICS_TOKEN must be at least 32 characters (or unset, which turns /metrics off).");
  return token;
}

function matchThresholds(env: Env): { link: number; review: number } {
  const link = fraction(env, "MATCH_LINK_THRESHOLD", 0.99);
  const review = fraction(env, "MATCH_REVIEW_THRESHOLD", 0.1);
  if (review > link) throw new ConfigError(`MATCH_REVIEW_THRESHOLD (${review}) must not exceed MATCH_LINK_THRESHOLD (${link}).`);
  return Object.freeze({ link, review });
}

function fraction(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new ConfigError(`${name} must be a number from 0 to 1, got "${raw}".`);
  return value;
}

function url(env: Env, name: string, fallback: string, protocols: string[]): string {
  const value = env[name] || fallback;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(`${name} is not a valid URL (expected ${protocols[0]}//host:port/…).`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.join(" or ")}//, got ${parsed.protocol}//.`);
  }
  return value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}".`);
  }
  return value;
}

function oneOf<T extends string>(env: Env, name: string, fallback: T, allowed: readonly T[]): T {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(", ")}, got "${raw}".`);
  }
  return raw as T;
}

/** The first users are in the Comoros; another country sets its own zone. */
function timeZone(env: Env): string {
  const zone = env.TIME_ZONE || "Indian/Comoro";
  if (!isTimeZone(zone)) throw new ConfigError(`TIME_ZONE must be an IANA time zone such as Indian/Comoro, got "${zone}".`);
  return zone;
}

function pattern(env: Env, name: string, fallback: string, re: RegExp): string {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (!re.test(raw)) throw new ConfigError(`${name} must match ${re}, got "${raw}".`);
  return raw;
}
