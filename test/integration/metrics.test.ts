import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAnchor, makeAnchor } from "../../api/audit/audit-anchor";
import { JOB_INTEGRATE_SUBMISSION } from "../../schemas/contracts/jobs";
import { validHousehold } from "../helpers/demo-responses";
import { createTestContext, type TestContext } from "../helpers/test-context";

const TOKEN = "prometheus-scrape-token-for-the-metrics-test";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext("metrics", { METRICS_TOKEN: TOKEN });
});
afterAll(() => ctx?.close());

/** One sample of the Prometheus text format: `name{label="value",…} number`. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parse(text: string): Sample[] {
  return text
    .split("\n")
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const [, name, labels = "", value] = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line)!;
      return {
        name: name!,
        labels: Object.fromEntries([...labels.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]])),
        value: value === "+Inf" ? Number.POSITIVE_INFINITY : value === "Nan" ? Number.NaN : Number(value),
      };
    });
}

async function scrape(): Promise<Sample[]> {
  const res = await ctx.app.request("/metrics", { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/plain; version=0.0.4");
  return parse(await res.text());
}

/** The value of the one sample with this name and these labels (fails when there is none). */
function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  expect(
    found.map((s) => s.labels),
    `${name} ${JSON.stringify(labels)}`,
  ).toHaveLength(1);
  return found[0]!.value;
}

describe("/metrics", () => {
  it("answers only the scraper's token: not anonymous callers, not a wrong token, not a user's API token", async () => {
    const anonymous = await ctx.app.request("/metrics");
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
    expect((await ctx.app.request("/metrics", { headers: { authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
    expect((await ctx.request("/metrics", {}, "admin")).status).toBe(401);
  });

  it("is off (404) when no token is configured", async () => {
    const off = await createTestContext("metrics_off");
    try {
      const res = await off.app.request("/metrics", { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(404);
    } finally {
      await off.close();
    }
  });

  it("says which service does not answer and leaves its figures out, rather than failing the scrape", async () => {
    const cut = await createTestContext("metrics_no_redis", { METRICS_TOKEN: TOKEN, REDIS_URL: "redis://127.0.0.1:1/0" });
    try {
      const res = await cut.app.request("/metrics", { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(200);
      const m = parse(await res.text());
      expect(value(m, "rsu_service_up", { service: "redis" })).toBe(0);
      expect(value(m, "rsu_service_up", { service: "postgres" })).toBe(1);
      expect(m.filter((s) => s.name === "rsu_queue_depth")).toEqual([]);
      expect(value(m, "rsu_integration_outbox_rows")).toBe(0);
    } finally {
      await cut.close();
    }
  });

  it("gives each figure of a known state", async () => {
    // A job that can never succeed fails for good at once.
    const workers = ctx.startWorkers();
    await ctx.queue.queue.add(JOB_INTEGRATE_SUBMISSION, { submissionId: "not-a-uuid" }, { jobId: "broken-job" });
    await ctx.drain();
    await workers.close();

    // No workers from here: accepted submissions stay in the outbox and their jobs wait.
    const accepted = [await ctx.submit(validHousehold(1)), await ctx.submit(validHousehold(2))];
    expect(accepted.map((a) => a.status)).toEqual([202, 202]);
    // A clerk's outbox sending the first one again (same id, same answers): answered 202, counted as resent.
    expect((await ctx.submit(validHousehold(1), { id: accepted[0]!.body.id })).status).toBe(202);
    const invalid = validHousehold(3);
    invalid.number_of_rooms = 999;
    expect((await ctx.submit(invalid)).body.error.code).toBe("submission_invalid");
    expect((await ctx.submit(validHousehold(4), { version: 9 })).body.error.code).toBe("form_version_not_found");
    expect((await ctx.send("POST", "/nowhere")).status).toBe(404);

    const em = ctx.orm.em.fork();
    await em
      .getConnection()
      .execute(`update outbox set created_at = now() - interval '90 seconds' where submission_id = ?`, [accepted[0]!.body.id]);
    const item = (kind: string, status: string, age: string) =>
      em
        .getConnection()
        .execute(`insert into review_items (id, kind, status, reasons, created_at) values (?, ?, ?, '[]', now() - ?::interval)`, [
          randomUUID(),
          kind,
          status,
          age,
        ]);
    await item("duplicate_person", "open", "2 hours");
    await item("duplicate_person", "open", "5 minutes");
    await item("stale_update", "later", "1 hour");
    await item("duplicate_household", "decided", "3 hours");

    // The latest anchor with a right MAC counts, 10 minutes old; a forged line after it does not.
    const { anchorFile, anchorKey } = ctx.config.audit;
    await appendAnchor(anchorFile, makeAnchor(anchorKey, null, new Date(Date.now() - 600_000)));
    await appendAnchor(anchorFile, { ...makeAnchor(anchorKey, null), mac: "0".repeat(64) });

    const m = await scrape();
    expect(value(m, "rsu_service_up", { service: "postgres" })).toBe(1);
    expect(value(m, "rsu_service_up", { service: "redis" })).toBe(1);
    expect(value(m, "rsu_submissions_total", { outcome: "accepted" })).toBe(2);
    expect(value(m, "rsu_submissions_total", { outcome: "invalid" })).toBe(1);
    expect(value(m, "rsu_submissions_total", { outcome: "rejected" })).toBe(1);
    expect(value(m, "rsu_submissions_total", { outcome: "resent" })).toBe(1);
    const requests = (labels: Record<string, string>) => value(m, "rsu_http_request_duration_seconds_count", labels);
    expect(requests({ method: "POST", route: "/api/submissions", status: "202" })).toBe(3);
    expect(requests({ method: "POST", route: "/api/submissions", status: "422" })).toBe(1);
    expect(requests({ method: "POST", route: "/api/submissions", status: "404" })).toBe(1);
    expect(requests({ method: "POST", route: "unmatched", status: "404" })).toBe(1);
    expect(requests({ method: "GET", route: "/metrics", status: "401" })).toBe(3);
    expect(value(m, "rsu_queue_depth", { queue: "integration" })).toBe(2);
    expect(value(m, "rsu_queue_failed_jobs", { queue: "integration" })).toBe(1);
    expect(value(m, "rsu_queue_depth", { queue: "exports" })).toBe(0);
    expect(value(m, "rsu_integration_outbox_rows")).toBe(2);
    expect(value(m, "rsu_integration_lag_seconds")).toBeGreaterThanOrEqual(90);
    expect(value(m, "rsu_integration_lag_seconds")).toBeLessThan(150);
    expect(value(m, "rsu_review_backlog", { kind: "duplicate_person" })).toBe(2);
    expect(value(m, "rsu_review_backlog", { kind: "stale_update" })).toBe(1);
    expect(value(m, "rsu_review_backlog", { kind: "duplicate_household" })).toBe(0);
    expect(value(m, "rsu_review_backlog_oldest_seconds")).toBeGreaterThanOrEqual(7200);
    expect(value(m, "rsu_review_backlog_oldest_seconds")).toBeLessThan(7260);
    expect(value(m, "rsu_db_pool_max_connections")).toBe(10);
    expect(value(m, "rsu_db_pool_connections", { state: "used" })).toBe(0);
    expect(value(m, "rsu_db_pool_connections", { state: "pending" })).toBe(0);
    expect(value(m, "rsu_db_pool_connections", { state: "free" })).toBeGreaterThan(0);
    expect(value(m, "rsu_audit_anchor_age_seconds")).toBeGreaterThanOrEqual(600);
    expect(value(m, "rsu_audit_anchor_age_seconds")).toBeLessThan(660);
    // No backup has ever been made here: an alert on its age fires.
    expect(value(m, "rsu_backup_age_seconds")).toBe(Number.POSITIVE_INFINITY);
    // Prometheus's own process figures come along.
    expect(value(m, "rsu_process_cpu_seconds_total")).toBeGreaterThan(0);
  });

  it("never carries a personal value: labels are routes, codes and queue names", async () => {
    const text = await (await ctx.app.request("/metrics", { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    const household = validHousehold(1);
    const names = (household.members as Record<string, string>[]).flatMap((p) => [p.first_name, p.last_name]).filter(Boolean);
    for (const name of names) expect(text).not.toContain(name);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });
});
