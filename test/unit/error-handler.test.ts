import { DriverException, UniqueConstraintViolationException } from "@mikro-orm/core";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { handleError, RETRY_AFTER_SECONDS } from "../../api/errors";
import type { Logger } from "../../api/log";
import { problems } from "../../api/problems";

/** The one error handler, on a real Hono app whose routes throw what routes can throw. */
function appThrowing(error: unknown) {
  const logged: string[] = [];
  const fields: Record<string, unknown>[] = [];
  const log = (event: string, f: Record<string, unknown> = {}) => {
    logged.push(event);
    fields.push(f);
  };
  const logger = { debug() {}, info() {}, warn: log, error: log } as Logger;
  const app = new Hono().get("/", () => {
    throw error;
  });
  app.onError(handleError(logger));
  return { app, logged, fields };
}

/** A PostgreSQL error as MikroORM hands it over: the SQL with its values inlined, then the server's message. */
function databaseError(code: string | undefined, message: string, extra: Record<string, unknown> = {}) {
  const sql = "insert into individuals (first_name, nin) values ('Zaharia', '9876543210')";
  return new DriverException(Object.assign(new Error(`${sql} - ${message}`), { code, ...extra }));
}

describe("handleError", () => {
  it("renders a problem as it is, in French and English", async () => {
    const { app, logged } = appThrowing(problems.householdNotFound());
    const res = await app.request("/");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: "household_not_found", message: { fr: expect.any(String), en: expect.any(String) } },
    });
    expect(logged).toEqual([]);
  });

  it("hides what an unexpected error says (SQL, stack) behind a 500, and logs it", async () => {
    const { app, logged } = appThrowing(new Error("select * from individuals where nin = '123456789' -- relation \"x\" does not exist"));
    const res = await app.request("/");
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toMatch(/select|individuals|123456789|at .*\.ts/);
    expect(JSON.parse(text).error.code).toBe("internal_error");
    expect(logged).toEqual(["request_failed"]);
  });

  it("translates a database unique violation into a 409", async () => {
    const { app } = appThrowing(
      new UniqueConstraintViolationException(new Error('duplicate key value violates unique constraint "users_username_unique"')),
    );
    const res = await app.request("/");
    expect(res.status).toBe(409);
    expect(await res.text()).not.toContain("users_username_unique");
  });

  it("says a NIN is held when the unique NIN index refuses a row, without the NIN (issue #14)", async () => {
    const pgError = Object.assign(new Error('duplicate key value violates unique constraint "individuals_nin_unique"'), {
      code: "23505",
      constraint: "individuals_nin_unique",
      detail: "Key (nin)=(222000000) already exists.",
    });
    const { app } = appThrowing(new UniqueConstraintViolationException(pgError));
    const res = await app.request("/");
    expect(res.status).toBe(409);
    const text = await res.text();
    expect(JSON.parse(text).error.code).toBe("nin_held");
    expect(text).not.toMatch(/222000000|individuals_nin_unique/);
  });
});

describe("database errors (#15, finding 10)", () => {
  const unavailable: [string, unknown][] = [
    ["57P01 shutting down", databaseError("57P01", "terminating connection due to administrator command", { severity: "FATAL" })],
    ["57P02 crash shutdown", databaseError("57P02", "terminating connection because of crash of another server process")],
    ["57P03 starting up", databaseError("57P03", "the database system is starting up")],
    ["08006 connection failure", databaseError("08006", "connection failure")],
    ["08001 cannot connect", databaseError("08001", "could not connect")],
    ["ECONNREFUSED", databaseError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432")],
    ["ECONNRESET", databaseError("ECONNRESET", "read ECONNRESET")],
    ["connection terminated", databaseError(undefined, "Connection terminated unexpectedly")],
    ["pg's own error", new Error("Connection terminated unexpectedly")],
    ["refused, from a plain socket", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })],
    ["the pool has nothing to give", Object.assign(new Error("Knex: Timeout acquiring a connection."), { name: "KnexTimeoutError" })],
  ];
  it.each(unavailable)("answers 503 with Retry-After when PostgreSQL is unavailable: %s", async (_, error) => {
    const { app } = appThrowing(error);
    const res = await app.request("/");
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe(String(RETRY_AFTER_SECONDS));
    expect(await res.json()).toMatchObject({ error: { code: "service_unavailable" } });
  });

  const badInput: [string, unknown][] = [
    ["08P01 a NUL in a parameter", databaseError("08P01", "invalid message format")],
    ["22P02 invalid text representation", databaseError("22P02", "invalid input syntax for type json")],
    ["22021 bad encoding", databaseError("22021", "invalid byte sequence for encoding UTF8: 0x00")],
    ["22003 out of range", databaseError("22003", "value out of range for type integer")],
  ];
  it.each(badInput)("answers 400 value_refused to a value PostgreSQL cannot store: %s", async (_, error) => {
    const { app } = appThrowing(error);
    const res = await app.request("/");
    expect(res.status).toBe(400);
    expect(res.headers.get("retry-after")).toBeNull();
    expect(await res.json()).toMatchObject({ error: { code: "value_refused" } });
  });

  it("logs a database error by its class and SQLSTATE, never its SQL, values or detail", async () => {
    const error = databaseError("23514", 'new row violates check constraint "nin_format"', {
      constraint: "nin_format",
      table: "individuals",
      detail: "Failing row contains (Zaharia, 9876543210).",
      severity: "ERROR",
    });
    const { app, fields } = appThrowing(error);
    expect((await app.request("/")).status).toBe(500);
    expect(fields).toEqual([
      expect.objectContaining({ error: "DriverException", code: "23514", constraint: "nin_format", table: "individuals" }),
    ]);
    expect(JSON.stringify(fields)).not.toMatch(/Zaharia|9876543210|insert into/);
  });
});
