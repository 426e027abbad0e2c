import { randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MEMBERS_ROSTER } from "../../schemas/contracts/registry";
import { asOwner } from "../helpers/audit-log";
import { validHousehold } from "../helpers/demo-responses";
import { createTestContext, type TestContext } from "../helpers/test-context";
import { waitFor } from "../helpers/wait-for";

/**
 * Issue #15, finding 8: a database error must not carry names or national ID numbers into the logs (nor
 * into Redis, where BullMQ keeps a failed job's reason). The errors are provoked by a constraint that
 * refuses every new row, on the API's insert and then on the worker's.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext("log_redaction", { LOG_LEVEL: "debug" });
});
afterAll(() => ctx?.close());

const letters = (n: number) => Array.from({ length: n }, () => String.fromCharCode(97 + randomInt(26))).join("");

/** A valid household whose every member has a generated name, and some a generated NIN, found in no list. */
function householdWithGeneratedPeople() {
  for (let seed = 1; ; seed++) {
    const data = validHousehold(seed);
    const members = data[MEMBERS_ROSTER] as Record<string, unknown>[];
    if (!members.some((m) => m.nin)) continue;
    const secrets: string[] = [];
    for (const member of members) {
      member.first_name = `Zo${letters(8)}`;
      member.last_name = `Qa${letters(8)}`;
      secrets.push(String(member.first_name), String(member.last_name));
      if (member.nin) {
        member.nin = String(randomInt(100_000_000, 999_999_999));
        secrets.push(String(member.nin));
      }
    }
    return { data, secrets };
  }
}

// As the schema owner: the application's role (rsu_app) may not alter tables.
const execute = (sql: string) => asOwner(ctx.config, (owner) => owner.query(sql));
const post = (data: unknown) =>
  ctx.request("/api/submissions", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ id: randomUUID(), formId: "menage", version: 1, data }),
  });

describe("logs on a database error", () => {
  it("name the request, the error class and its SQLSTATE, and none of the names or NINs sent", async () => {
    const { data, secrets } = householdWithGeneratedPeople();
    await execute("alter table submissions add constraint refuse_all check (false) not valid");
    try {
      const res = await post(data);
      expect(res.status).toBe(500);
      const body = await res.text();
      for (const secret of secrets) expect(body).not.toContain(secret);
    } finally {
      await execute("alter table submissions drop constraint refuse_all");
    }
    const failed = ctx.logs.filter((line) => line.includes('"request_failed"'));
    expect(failed).toHaveLength(1);
    expect(JSON.parse(failed[0]!)).toMatchObject({
      level: "error",
      path: "/api/submissions",
      status: 500,
      code: "23514",
      constraint: "refuse_all",
    });
    const written = ctx.logs.join("");
    for (const secret of secrets) expect(written).not.toContain(secret);
    expect(written).not.toMatch(/insert into|"sql"|"parameters"/i);
  });

  it("are as careful in the worker: neither the log nor the job's failure kept in Redis hold a name or a NIN", async () => {
    const { data, secrets } = householdWithGeneratedPeople();
    await execute("alter table individuals add constraint refuse_all check (false) not valid");
    const workers = ctx.startWorkers();
    let id = "";
    try {
      const res = await post(data);
      expect(res.status).toBe(202);
      ({ id } = (await res.json()) as { id: string });
      const job = await waitFor(
        async () => {
          const found = await ctx.queue.queue.getJob(id);
          return found && found.attemptsMade >= 1 && found.failedReason ? found : undefined;
        },
        { what: "the integration job to fail once" },
      );
      expect(job.failedReason).toBe("DatabaseError (23514)");
      const kept = JSON.stringify({ reason: job.failedReason, stack: job.stacktrace });
      for (const secret of secrets) expect(kept).not.toContain(secret);
    } finally {
      await workers.close();
      await execute("alter table individuals drop constraint refuse_all");
    }
    const attempts = (await ctx.queue.queue.getJob(id))!.attemptsMade;
    const jobFailed = ctx.logs.filter((line) => line.includes('"job_failed"')).map((line) => JSON.parse(line));
    expect(jobFailed).toEqual(Array.from({ length: attempts }, () => expect.objectContaining({ id, error: "DatabaseError (23514)" })));
    const written = ctx.logs.join("");
    for (const secret of secrets) expect(written).not.toContain(secret);
  });
});
