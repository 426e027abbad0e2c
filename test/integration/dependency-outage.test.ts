import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RETRY_AFTER_SECONDS } from "../../api/errors";
import { spawnApi, type ApiProcess } from "../helpers/api-process";
import { asOwner } from "../helpers/audit-log";
import { validHousehold } from "../helpers/demo-responses";
import { tcpProxy, type TcpProxy } from "../helpers/tcp-proxy";
import { createTestContext, type TestContext } from "../helpers/test-context";
import { waitFor } from "../helpers/wait-for";

/**
 * Issue #22, « must still hold »: Redis or PostgreSQL going away while clerks submit, by token (the field
 * app's machines) or by cookie session (the runtime). A real API process reaches both servers through
 * proxies this test cuts (reset: a crash or restart) or stalls (nothing passes: a partition), so that the
 * shared servers stay up for the other tests. Expected: with Redis away the submission is still accepted,
 * durable in PostgreSQL with its outbox row (the relay enqueues it later); with PostgreSQL away, 503
 * service_unavailable with Retry-After, nothing written, never a 500 or a 401; once back, the same
 * submission is accepted.
 */
let ctx: TestContext;
let pg: TcpProxy;
let redis: TcpProxy;
let api: ApiProcess;
let cookie: string;
beforeAll(async () => {
  ctx = await createTestContext("dependency_outage");
  [pg, redis] = await Promise.all([tcpProxy(ctx.config.databaseUrl), tcpProxy(ctx.config.redisUrl)]);
  api = await spawnApi(ctx.config, {
    DATABASE_URL: pg.through(ctx.config.databaseUrl),
    REDIS_URL: redis.through(ctx.config.redisUrl),
    INGEST_DEADLINE_MS: "3000",
  });
  const login = await post("/api/auth/login", { username: "agent", password: "agent-demo-2026" }, { origin: api.url });
  expect(login.status).toBe(200);
  cookie = login.headers.get("set-cookie")!.split(";")[0]!;
});
afterAll(async () => {
  api?.child.kill();
  await api?.exited;
  await Promise.all([pg?.close(), redis?.close()]);
  await ctx?.close();
});

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${api.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}
const asAgent = () => ({ token: { authorization: `Bearer ${ctx.tokens.agent}` }, cookie: { cookie, origin: api.url } });
/** A household of the agent's prefecture (101), the seeds taken in turn so that no two are alike. */
let seed = 600;
function submission() {
  for (;;) {
    const data = validHousehold(seed++) as { prefecture: string; members: { nin?: string }[] };
    if (data.prefecture !== "101") continue;
    for (const member of data.members) delete member.nin;
    return { id: randomUUID(), formId: "menage", version: 1, data };
  }
}

async function stored(id: string) {
  return asOwner(ctx.config, async (db) => {
    const { rows } = await db.query(
      `select (select count(*)::int from submissions where id = $1) as submissions,
              (select count(*)::int from outbox where submission_id = $1) as outbox,
              (select count(*)::int from outbox where submission_id = $1 and last_error is not null) as failed_enqueues`,
      [id],
    );
    return rows[0];
  });
}

async function expectUnavailable(res: Response, postgres: "unreachable" | "not_answering") {
  expect(res.status).toBe(503);
  expect(res.headers.get("retry-after")).toBe(String(RETRY_AFTER_SECONDS));
  expect(await res.json()).toMatchObject({ error: { code: "service_unavailable", details: { postgres } } });
}

const ready = async () => (await fetch(`${api.url}/readyz`)).status;

describe("Redis away while clerks submit", () => {
  for (const outage of ["cut", "stall"] as const) {
    it(`${outage}: by token and by cookie session, accepted, kept with its outbox row for the relay, /readyz 503`, async () => {
      redis[outage]();
      try {
        const sent = [submission(), submission()];
        const { token, cookie } = asAgent();
        const answers = [await post("/api/submissions", sent[0], token), await post("/api/submissions", sent[1], cookie)];
        expect(answers.map((res) => res.status)).toEqual([202, 202]);
        expect(await Promise.all(answers.map((res) => res.json()))).toEqual(sent.map(({ id }) => ({ id, status: "received" })));
        for (const { id } of sent) expect(await stored(id)).toEqual({ submissions: 1, outbox: 1, failed_enqueues: 1 });
        expect(await ready()).toBe(503);
      } finally {
        redis.restore();
      }
      await waitFor(async () => ((await ready()) === 200 ? true : undefined), { what: "Redis back" });
    });
  }
});

describe("PostgreSQL away while clerks submit", () => {
  // Reset connections fail at once; a stalled network fails nothing, and the ingest deadline answers.
  for (const [outage, postgres] of [
    ["cut", "unreachable"],
    ["stall", "not_answering"],
  ] as const) {
    it(`${outage}: 503 with Retry-After by token, by cookie session and at sign-in; sent again once back, stored once`, async () => {
      const sent = [submission(), submission()];
      const { token, cookie } = asAgent();
      // Both credentials were just used: if the cache still names them, the write itself meets the outage.
      expect((await fetch(`${api.url}/api/auth/me`, { headers: token })).status).toBe(200);
      pg[outage]();
      try {
        const answers = await Promise.all([
          post("/api/submissions", sent[0], token),
          post("/api/submissions", sent[1], cookie),
          post("/api/auth/login", { username: "agent", password: "agent-demo-2026" }, { origin: api.url }),
        ]);
        for (const res of answers) await expectUnavailable(res, postgres);
      } finally {
        pg.restore();
      }
      // Reset, the transaction never committed; stalled, it may commit when the network comes back.
      if (outage === "cut") for (const { id } of sent) expect((await stored(id)).submissions).toBe(0);
      await waitFor(async () => ((await ready()) === 200 ? true : undefined), { what: "PostgreSQL back" });
      // The field app sends them again, as it does after any 503: accepted, and stored once.
      const again = [await post("/api/submissions", sent[0], token), await post("/api/submissions", sent[1], cookie)];
      expect(again.map((res) => res.status)).toEqual([202, 202]);
      expect(await Promise.all(again.map((res) => res.json()))).toEqual(sent.map(({ id }) => ({ id, status: "received" })));
      for (const { id } of sent) expect((await stored(id)).submissions).toBe(1);
    });
  }
});
