import { UniqueConstraintViolationException } from "@mikro-orm/core";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { handleError } from "../../api/errors";
import type { Logger } from "../../api/log";
import { problems } from "../../api/problems";

/** The one error handler, on a real Hono app whose routes throw what routes can throw. */
function appThrowing(error: unknown) {
  const logged: string[] = [];
  const logger = { debug() {}, info() {}, warn() {}, error: (event: string) => logged.push(event) } as Logger;
  const app = new Hono().get("/", () => {
    throw error;
  });
  app.onError(handleError(logger));
  return { app, logged };
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
