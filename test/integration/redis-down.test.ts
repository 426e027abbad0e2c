import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OutboxEntry } from "../../api/entities";
import { validHousehold } from "../helpers/demo-responses";
import { createTestContext, type TestContext } from "../helpers/test-context";

// The API's Redis points at a port where nothing listens: the situation of a Redis that is down.
const DEAD_REDIS = "redis://127.0.0.1:1/0";
const LIVE_REDIS = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379/0";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext("redis_down", { REDIS_URL: DEAD_REDIS });
});
afterAll(() => ctx?.close());

describe("with Redis unreachable", () => {
  it("/readyz answers 503 and names Redis; /healthz still answers", async () => {
    const ready = await ctx.request("/readyz");
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as any;
    expect(body.error.code).toBe("service_unavailable");
    expect(body.error.details).toEqual({ postgres: "ok", redis: "unreachable" });
    expect((await ctx.request("/healthz")).status).toBe(200);
  });

  it("still accepts a submission, keeps it in the outbox, and the relay integrates it when Redis is back", async () => {
    const res = await ctx.submit(validHousehold(5));
    expect(res.status).toBe(202);
    const id = res.body.id as string;
    const entry = await ctx.orm.em.fork().findOneOrFail(OutboxEntry, { submissionId: id });
    expect(entry.lastError).toBeTruthy();

    // Redis "comes back": workers (with their relay) reach the live Redis, same queue prefix.
    ctx.startWorkers({ REDIS_URL: LIVE_REDIS });
    await ctx.drain();
    expect((await ctx.get(`/api/submissions/${id}`)).body).toMatchObject({ status: "integrated", householdId: expect.any(String) });
    expect(await ctx.orm.em.fork().count(OutboxEntry, { submissionId: id })).toBe(0);
  });
});
