import { serve } from "@hono/node-server";
import { Hono } from "hono";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "../../kit/request";
import { retryWhileUnavailable } from "../../kit/retry-unavailable";

/**
 * The runtime sends a submission again by itself while the server answers 503 (#15, finding 10), through
 * its real `request()` against a real HTTP server that plays each answer in turn. The clock is the test's.
 */
let answers: [status: number, headers: Record<string, string>][] = [];
let received = 0;
let server: ReturnType<typeof serve>;
let url = "";
beforeAll(async () => {
  const app = new Hono().post("/api/submissions", (c) => {
    const [status, headers] = answers[received++] ?? [500, {}];
    if (status === 202) return c.json({ id: "s-1", status: "received" }, 202);
    return c.json({ error: { code: "any", message: { fr: "x", en: "x" } } }, status as 503, headers);
  });
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
      url = `http://127.0.0.1:${info.port}`;
      resolve();
    });
  });
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

function attempt(plan: typeof answers) {
  answers = plan;
  received = 0;
  const waits: number[] = [];
  const shown: number[] = [];
  const run = retryWhileUnavailable(() => request(`${url}/api/submissions`, { method: "POST", json: { id: "s-1" } }), {
    sleep: async (ms) => void waits.push(ms),
    onWait: (seconds) => shown.push(seconds),
  });
  return { run, waits, shown };
}

describe("retryWhileUnavailable", () => {
  it("sends again after the Retry-After the server names, and returns the answer that finally comes", async () => {
    const { run, waits, shown } = attempt([
      [503, { "retry-after": "5" }],
      [503, { "retry-after": "5" }],
      [202, {}],
    ]);
    expect(await run).toEqual({ id: "s-1", status: "received" });
    expect(received).toBe(3);
    expect(waits).toEqual([5000, 5000]);
    expect(shown).toEqual([5, 5]);
  });

  it("backs off 2, 4, 8 s when the answer (a proxy's 502 or 504) names no delay", async () => {
    const { run, waits } = attempt([
      [502, {}],
      [504, {}],
      [503, {}],
      [202, {}],
    ]);
    await run;
    expect(waits).toEqual([2000, 4000, 8000]);
  });

  it("gives up after six tries and lets the last 503 through, for the clerk to retry later", async () => {
    const { run, waits } = attempt(Array.from({ length: 6 }, () => [503, { "retry-after": "1" }] as [number, Record<string, string>]));
    await expect(run).rejects.toMatchObject({ status: 503, retryAfterSeconds: 1 });
    expect(received).toBe(6);
    expect(waits).toHaveLength(5);
  });

  it("never repeats an answer that is final: a 500 or a 422 comes through at once", async () => {
    for (const status of [500, 422]) {
      const { run, waits } = attempt([[status, {}]]);
      await expect(run).rejects.toMatchObject({ status });
      expect(received).toBe(1);
      expect(waits).toEqual([]);
    }
  });
});
