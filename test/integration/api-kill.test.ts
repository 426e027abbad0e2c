import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnApi, type ApiProcess } from "../helpers/api-process";
import { asOwner, chainAndAnchor, verifyAudit } from "../helpers/audit-log";
import { validHousehold } from "../helpers/demo-responses";
import { createTestContext, type TestContext } from "../helpers/test-context";

/**
 * Issue #22: group commit answers 202 only once a submission's row is committed, so a kill -9 of the API
 * under load loses nothing it accepted. A real API process is killed while 20 clients keep sending; after
 * a restart, the requests the kill cut are sent again, and every submission answered 2xx is integrated
 * exactly once (one household version), by the workers and the outbox relay, and audited once, the audit
 * chain verifying.
 */
let ctx: TestContext;
const apis: ApiProcess[] = [];
beforeAll(async () => {
  ctx = await createTestContext("api_kill");
});
afterAll(async () => {
  for (const api of apis) api.child.kill("SIGKILL");
  await ctx?.close();
});

type Data = Record<string, any>;
/** A household without NINs and with names of its own: each one becomes a new household. */
function household(seed: number): Data {
  const data = validHousehold(seed) as Data;
  data.members.forEach((member: Data, i: number) => {
    delete member.nin;
    member.last_name = `Tue${seed}x${i}`;
  });
  return data;
}

/** POST to a process; the status, or null when the connection was cut. */
const send = (api: ApiProcess, body: unknown) =>
  fetch(`${api.url}/api/submissions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${ctx.tokens.admin}` },
    body: JSON.stringify(body),
  }).then(
    (res) => res.status,
    () => null,
  );

describe("kill -9 of the API during load", () => {
  it("every submission answered 2xx is integrated exactly once after a restart", { timeout: 240_000 }, async () => {
    const first = await spawnApi(ctx.config);
    apis.push(first);
    const accepted: string[] = [];
    const cut: { id: string; formId: string; version: number; data: Data }[] = [];
    let seed = 0;
    let killed = false;
    // 20 clients, each sending one submission after the other, until the process dies under them.
    const clients = Array.from({ length: 20 }, async () => {
      while (!killed) {
        const body = { id: randomUUID(), formId: "menage", version: 1, data: household(++seed) };
        const status = await send(first, body);
        if (status === 202) accepted.push(body.id);
        else if (status === null) cut.push(body);
        else throw new Error(`unexpected status ${status}`);
        if (accepted.length >= 60 && !killed) {
          killed = true;
          first.child.kill("SIGKILL");
        }
      }
    });
    await Promise.all(clients);
    expect(await first.exited).toBe(null);
    // Clients were waiting for answers when it died (otherwise the test would prove little).
    expect(cut.length).toBeGreaterThan(0);

    // A client whose request was cut sends it again, to the restarted API: stored or not, it is accepted once.
    const second = await spawnApi(ctx.config);
    apis.push(second);
    const resent = await Promise.all(cut.map((body) => send(second, body)));
    expect(resent).toEqual(cut.map(() => 202));
    const ids = [...accepted, ...cut.map((body) => body.id)];

    const workers = ctx.startWorkers();
    await ctx.drain(180_000);
    await workers.close();
    const rows = await ctx.orm.em
      .fork()
      .getConnection()
      .execute<{ status: string; versions: string }[]>(
        `select s.status, (select count(*) from household_versions v where v.submission_id = s.id) as versions
           from submissions s where s.id = any(?::uuid[])`,
        [`{${ids.join(",")}}`],
      );
    expect(rows).toHaveLength(ids.length);
    expect(rows.filter((row) => row.status !== "integrated" || row.versions !== "1")).toEqual([]);

    // The audit log says so once per submission, and its chain verifies: the batch the kill cut rolled back
    // with its audit rows, leaving only gaps in the numbering, which the sequencer skips.
    const audited = await asOwner(ctx.config, async (db) => {
      const { rows } = await db.query<{ n: string }>(
        `select count(*) as n from audit_log where action = 'submission.create' and entity_id = any($1::text[]) group by entity_id`,
        [ids],
      );
      return rows.map((row) => Number(row.n));
    });
    expect(audited).toEqual(ids.map(() => 1));
    await chainAndAnchor(ctx.config);
    expect(await verifyAudit(ctx.config)).toMatchObject({ ok: true, pending: 0, findings: [] });
  });
});
