import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * The environment of one test file's application: its own database, queue prefix and folders, named after
 * the file, so files running side by side never meet. Apart from test-context.ts so that the template
 * database's globalSetup names a database without loading the application.
 */
export function testEnv(name: string, overrides: Record<string, string> = {}): Record<string, string> {
  const database = new URL(process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
  const run = process.env.RSU_TEST_RUN ?? "local";
  database.pathname = `/rsu_test_${run}_${name.replace(/[^a-z0-9_]/gi, "_").toLowerCase()}`;
  return {
    DATABASE_URL: database.toString(),
    REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379/0",
    HOST: "127.0.0.1",
    PORT: "0",
    QUEUE_PREFIX: `rsutest-${name}-${randomBytes(4).toString("hex")}`.slice(0, 40),
    RELAY_INTERVAL_MS: "200",
    RELAY_GRACE_MS: "2000",
    LOG_LEVEL: "error",
    AUDIT_ANCHOR_FILE: join(tmpdir(), `rsu-test-${run}-${name}`, "audit-anchors.jsonl"),
    // No backup at 02:30 in the middle of a test run; the backup tests schedule their own.
    BACKUP_TIME: "off",
    BACKUP_DIR: join(tmpdir(), `rsu-test-${run}-${name}`, "backups"),
    EXPORT_DIR: join(tmpdir(), `rsu-test-${run}-${name}`, "exports"),
    ...overrides,
  };
}
