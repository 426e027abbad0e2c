import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RETRY_AFTER_SECONDS } from "../../api/errors";
import { validHousehold } from "../helpers/demo-responses";
import { createTestContext, type TestContext } from "../helpers/test-context";
import { waitFor } from "../helpers/wait-for";

/**
 * Issue #15, finding 10: what a request gets when PostgreSQL ends its connection mid-way, as it does when
 * it restarts or fails over ("terminating connection due to administrator command", SQLSTATE 57P01).
 * A superuser holds a lock so that the request is surely waiting inside PostgreSQL, then ends the app's backends.
 */
let ctx: TestContext;
let admin: pg.Client;
beforeAll(async () => {
  ctx = await createTestContext("database_restart");
  admin = new pg.Client({ connectionString: ctx.config.databaseUrl });
  await admin.connect();
});
afterAll(async () => {
  await admin?.end();
  await ctx?.close();
});

const post = (body: unknown) =>
  ctx.request("/api/submissions", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

/** Ends every other backend of this database once one of them waits for the lock held by `admin`. */
async function terminateWhenWaiting() {
  const others = "datname = current_database() and pid <> pg_backend_pid()";
  await waitFor(
    async () => {
      const { rows } = await admin.query(`select pid from pg_stat_activity where ${others} and wait_event_type = 'Lock'`);
      return rows.length ? rows : undefined;
    },
    { what: "the request to wait for the lock" },
  );
  const { rows } = await admin.query(`select pg_terminate_backend(pid) as ended from pg_stat_activity where ${others}`);
  expect(rows.length).toBeGreaterThan(0);
}

describe("PostgreSQL ends the connection mid-request", () => {
  it("answers 503 with Retry-After, writes nothing, and accepts the same submission once it is back", async () => {
    const submission = { id: randomUUID(), formId: "menage", version: 1, data: validHousehold(5) };
    await admin.query("begin");
    await admin.query("lock table submissions in access exclusive mode");
    const pending = post(submission);
    try {
      await terminateWhenWaiting();
    } finally {
      await admin.query("rollback");
    }
    const res = await pending;
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe(String(RETRY_AFTER_SECONDS));
    expect(await res.json()).toMatchObject({ error: { code: "service_unavailable", details: { postgres: "unreachable" } } });
    const { rows } = await admin.query("select count(*)::int as n from submissions where id = $1", [submission.id]);
    expect(rows[0].n).toBe(0);

    // Pooled connections that PostgreSQL ended are dropped as they are tried: "back" once /readyz says so.
    await waitFor(async () => ((await ctx.app.request("/readyz")).status === 200 ? true : undefined), { what: "the pool to reconnect" });
    const retried = await post(submission);
    expect(retried.status).toBe(202);
    expect(await retried.json()).toEqual({ id: submission.id, status: "received" });
  });
});
