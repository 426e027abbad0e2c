import { randomUUID } from "node:crypto";
import { readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { readAnchors } from "../../api/audit/audit-anchor";
import { runScheduledBackup } from "../../api/backup/scheduled-backup";
import { loadConfig } from "../../api/config";
import { createLogger } from "../../api/log";
import { activityFigures } from "../../api/registry/reports/activity-figures";
import { auditStatus } from "../../api/registry/reports/audit-status";
import { reportTables } from "../../api/registry/reports/report-tables";
import { XLSX_HEADER_ROW } from "../../api/registry/reports/report-xlsx";
import { localDay } from "../../schemas/contracts/local-time";
import { type ActivityReport, parseReportPeriod, type ReportPeriod } from "../../schemas/contracts/reports";
import { chainAndAnchor } from "../helpers/audit-log";
import { validHousehold } from "../helpers/demo-responses";
import { runCli } from "../helpers/run-cli";
import { createTestContext, type TestContext } from "../helpers/test-context";
import { testEnv } from "../helpers/test-env";

/*
 * Issue #23: the administrator's monthly and quarterly report, on a month of activity made through the real
 * pipeline (submissions through the API drained by the workers, refusals, a merge and its undo, an incident,
 * a sign-in, a backup made and verified by `rsu backup`, the audit log chained and anchored). Every figure is
 * checked against the database with SQL of its own; the CLI's XLSX is read back and holds the same tables.
 */

// The backup's restore and `rsu report` (a real process) take a few seconds each on a loaded machine.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 300_000 });

const NAME = "activity_report";
const env = testEnv(NAME);
const dir = join(tmpdir(), `rsu-test-${NAME}-files`);
let ctx: TestContext;
// Months begin at midnight in the registry's time zone (TIME_ZONE, Moroni by default), not UTC's.
const zone = loadConfig(env).timeZone;
const today = localDay(new Date(), zone);
const month = today.slice(0, 7);
const quarter = `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
const period: ReportPeriod = parseReportPeriod(month, "monthly", zone)!;
const previousMonth = parseReportPeriod(localDay(Date.parse(period.from) - 1000, zone).slice(0, 7), "monthly", zone)!;
/** Every name and NIN sent: none may appear in the report. */
const personal = new Set<string>();
let report: ActivityReport;
let previousMonthSubmission: string;

type Data = Record<string, any>;
const sql = <T = any>(text: string, params: unknown[] = []) => ctx.orm.em.fork().getConnection().execute<T[]>(text, params);

function remember(data: Data) {
  for (const m of data.members ?? []) for (const key of ["first_name", "last_name", "nin"]) if (m[key]) personal.add(String(m[key]));
  return data;
}

/** A household of the clerk's prefecture (101) with its NINs left out, so that matching rests on names (as review-merge.test.ts). */
function clerkHousehold(seed: number): Data {
  const data = validHousehold(seed) as Data;
  for (const member of data.members) delete member.nin;
  return remember(data);
}

beforeAll(async () => {
  await rm(dir, { recursive: true, force: true });
  ctx = await createTestContext(NAME);
  const workers = ctx.startWorkers();
  const seeds = Array.from({ length: 80 }, (_, i) => i + 400);
  const clerkSeeds = seeds.filter((s) => (validHousehold(s) as Data).prefecture === "101").slice(0, 5);
  const otherSeeds = seeds.filter((s) => (validHousehold(s) as Data).island !== "1").slice(0, 3);
  expect(clerkSeeds).toHaveLength(5);
  expect(otherSeeds).toHaveLength(3);
  for (const seed of clerkSeeds.slice(0, 3)) await ctx.submitAndDrain(clerkHousehold(seed), {}, "agent");
  for (const seed of otherSeeds) await ctx.submitAndDrain(remember(validHousehold(seed) as Data), {}, "admin");

  // Refused for its answers, twice with the same id: one refusal.
  const refused = clerkHousehold(clerkSeeds[3]!);
  refused.number_of_rooms = 999;
  const refusedId = randomUUID();
  for (let i = 0; i < 2; i++) expect((await ctx.submit(refused, { id: refusedId }, "agent")).body.error.code).toBe("submission_invalid");
  // Refused, then sent again corrected under the same id: received and valid, not invalid.
  const corrected = clerkHousehold(clerkSeeds[4]!);
  const correctedId = randomUUID();
  expect((await ctx.submit({ ...corrected, number_of_rooms: 999 }, { id: correctedId }, "agent")).status).toBe(422);
  expect((await ctx.submitAndDrain(corrected, { id: correctedId }, "agent")).status).toBe("integrated");

  // A duplicate household, merged by the supervisor, then the merge undone.
  const a = clerkHousehold(310);
  a.village = "Séléa";
  a.members = a.members.slice(0, 5);
  await ctx.submitAndDrain(a, {}, "agent");
  const b = structuredClone(a);
  b.members[0].first_name = `${a.members[0].first_name}e`;
  remember(b);
  const duplicate = await ctx.submitAndDrain(b, {}, "agent");
  expect(duplicate.status).toBe("needs_review");
  const [item] = await sql<{ id: string }>(`select id from review_items where submission_id = ? and kind = 'duplicate_household'`, [
    duplicate.id,
  ]);
  expect((await ctx.post(`/api/review-items/${item!.id}/decision`, { decision: "same" }, "superviseur")).status).toBe(200);
  const [merge] = await sql<{ id: string }>(`select id from merges where review_item_id = ?`, [item!.id]);
  expect((await ctx.post(`/api/merges/${merge!.id}/undo`, {}, "superviseur")).status).toBe(200);

  // An incident, closed with its root cause.
  const incident = await ctx.post("/api/incidents", {
    severity: "minor",
    title: "Lenteur de la synchronisation",
    description: "Réseau",
    systems: ["network"],
  });
  expect(incident.status).toBe(201);
  const closing = { rootCause: "Lien satellite saturé", preventiveMeasure: "Synchroniser la nuit" };
  expect((await ctx.post(`/api/incidents/${incident.body.id}/close`, closing)).status).toBe(200);

  // The clerk signs in once.
  const login = await ctx.app.request("http://localhost/api/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json", origin: "http://localhost" },
    body: JSON.stringify({ username: "agent", password: "agent-demo-2026" }),
  });
  expect(login.status).toBe(200);

  // One submission of the month before: outside this month, inside the quarter only if the quarter began earlier.
  const [moved] = await sql<{ id: string }>(
    `select id from submissions where submitted_by = (select id from users where username = 'admin') limit 1`,
  );
  previousMonthSubmission = moved!.id;
  await sql(`update submissions set received_at = ?::timestamptz - interval '1 second' where id = ?`, [
    period.from,
    previousMonthSubmission,
  ]);
  // Its household too, as first recorded: the previous month's registry holds it alone.
  await sql(`update households set created_at = ?::timestamptz - interval '1 second' where source_submission_id = ?`, [
    period.from,
    previousMonthSubmission,
  ]);
  await sql(
    `update household_versions set created_at = ?::timestamptz - interval '1 second'
      where version = 1 and household_id = (select id from households where source_submission_id = ?)`,
    [period.from, previousMonthSubmission],
  );

  await workers.close();
  // The daily backup, made and proven by a restore as the backup job does it (`rsu backup` by hand records no run).
  expect(await runScheduledBackup(ctx.config, createLogger("error", "test"))).toMatchObject({ outcome: "verified" });
  await chainAndAnchor(ctx.config);
  report = await activityFigures(ctx.orm.em.fork(), period, () => auditStatus(ctx.config));
});
afterAll(async () => {
  await ctx?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Each submission sent in `p`, once per id, with where it ended (refused and never stored: "refused"). */
async function sentIn(p: ReportPeriod) {
  const inside = (at: Date | string) => new Date(at) >= new Date(p.from) && new Date(at) < new Date(p.to);
  const stored = await sql<{ id: string; status: string; island: string; commune: string; username: string; received_at: Date }>(
    `select s.id, s.status, s.data->>'island' as island, s.commune, u.username, s.received_at from submissions s left join users u on u.id = s.submitted_by`,
  );
  const refusals = await sql<{ submission_id: string; island: string; commune: string; username: string; refused_at: Date }>(
    `select r.submission_id, r.island, r.commune, u.username, r.refused_at from submission_refusals r left join users u on u.id = r.submitted_by`,
  );
  const ids = new Set(stored.map((s) => s.id));
  return [
    ...stored.filter((s) => inside(s.received_at)),
    ...refusals
      .filter((r) => !ids.has(r.submission_id) && inside(r.refused_at))
      .map((r) => ({ ...r, id: r.submission_id, status: "refused" })),
  ];
}

function counts(rows: { status: string }[]) {
  const n = (...statuses: string[]) => rows.filter((r) => statuses.includes(r.status)).length;
  return {
    received: rows.length,
    valid: n("valid", "integrated", "needs_review"),
    invalid: n("invalid", "refused"),
    rejected: n("rejected"),
    waiting: n("received"),
  };
}

function groupCounts<K extends string>(rows: ({ status: string } & Record<K, string | null>)[], key: K) {
  const keys = [...new Set(rows.map((r) => r[key]))];
  return Object.fromEntries(keys.map((k) => [k, counts(rows.filter((r) => r[key] === k))]));
}
const byKey = <K extends string>(rows: Record<K, string | null>[], key: K) =>
  Object.fromEntries(rows.map(({ [key]: k, ...rest }) => [k, rest]));

/** PostgreSQL's percentile_cont: linear interpolation between the two nearest ranks. */
function percentile(sorted: number[], p: number): number {
  const rank = p * (sorted.length - 1);
  const low = Math.floor(rank);
  return sorted[low]! + (sorted[Math.min(low + 1, sorted.length - 1)]! - sorted[low]!) * (rank - low);
}

describe("the administrator's report, on a month of activity", () => {
  it("counts submissions received, valid, invalid, rejected per island, commune and clerk as the database holds them", async () => {
    const sent = await sentIn(period);
    // 3 + 3 households, 1 refusal (sent twice), 1 corrected, the original and its duplicate; one moved to last month.
    expect(report.submissions.total).toEqual({ received: 9, valid: 8, invalid: 1, rejected: 0, waiting: 0 });
    expect(report.submissions.total).toEqual(counts(sent));
    expect(byKey(report.submissions.byIsland, "island")).toEqual(groupCounts(sent, "island"));
    expect(byKey(report.submissions.byCommune, "commune")).toEqual(groupCounts(sent, "commune"));
    expect(Object.fromEntries(report.submissions.byClerk.map(({ username, displayName: _, ...c }) => [username, c]))).toEqual(
      groupCounts(sent, "username"),
    );
    expect(report.submissions.byClerk.find((c) => c.username === "agent")).toMatchObject({
      displayName: "Agent de saisie Moroni",
      received: 7,
      invalid: 1,
    });
    expect(report.submissions.byDay.reduce((sum, d) => sum + d.received, 0)).toBe(9);
    expect(sent.map((s) => s.id)).not.toContain(previousMonthSubmission);
  });

  it("gives integration lag percentiles of the submissions integrated in the period", async () => {
    const lags = (
      await sql<{ lag: number }>(
        `select extract(epoch from integrated_at - received_at)::float8 as lag from submissions where integrated_at >= ? and integrated_at < ? order by 1`,
        [period.from, period.to],
      )
    ).map((r) => r.lag);
    expect(report.integrationLag.count).toBe(lags.length);
    expect(report.integrationLag.p50).toBeCloseTo(percentile(lags, 0.5), 6);
    expect(report.integrationLag.p90).toBeCloseTo(percentile(lags, 0.9), 6);
    expect(report.integrationLag.p99).toBeCloseTo(percentile(lags, 0.99), 6);
    expect(report.integrationLag.max).toBeCloseTo(lags[lags.length - 1]!, 6);
  });

  it("counts duplicates found, merged and undone, and the review backlog with its age", async () => {
    const found = await sql<{ kind: string; n: number }>(
      `select kind, count(*)::int as n from review_items where kind in ('duplicate_person', 'duplicate_household', 'person_move') group by 1 order by 1`,
    );
    expect(report.duplicates.found).toEqual(found);
    expect(report.duplicates.found).toContainEqual({ kind: "duplicate_household", n: 1 });
    expect(report.duplicates.merged).toEqual([{ kind: "duplicate_household", n: 1 }]);
    expect(report.duplicates.undone).toEqual([{ kind: "duplicate_household", n: 1 }]);
    const waiting = await sql<{ kind: string }>(`select kind from review_items where status in ('open', 'later')`);
    expect(Object.fromEntries(report.reviewBacklog.map((b) => [b.kind, b.n]))).toEqual(
      Object.fromEntries([...new Set(waiting.map((w) => w.kind))].map((k) => [k, waiting.filter((w) => w.kind === k).length])),
    );
    // All made minutes ago: under a day old.
    for (const b of report.reviewBacklog) expect(b).toMatchObject({ under1d: b.n, under7d: 0, under30d: 0, over30d: 0, oldestDays: 0 });
  });

  it("lists the most frequent validation errors per variable and the key variables missing in the registry", async () => {
    // The refusal sent twice counts once; the corrected submission's first refusal counts too.
    expect(report.quality.errors).toContainEqual({ variable: "number_of_rooms", code: expect.any(String), n: 2 });
    const [h] = await sql(`select count(*)::int as total, count(*) filter (where village is null)::int as village from households`);
    const [i] = await sql(`select count(*)::int as total, count(*) filter (where nin is null)::int as nin from individuals`);
    expect(report.quality.missing).toContainEqual({ variable: "village", unit: "household", missing: h.village, total: h.total });
    expect(report.quality.missing).toContainEqual({ variable: "nin", unit: "individual", missing: i.nin, total: i.total });
    expect(i.nin).toBeGreaterThan(0);
  });

  it("gives the registry's size by island and commune, and user activity", async () => {
    const households = await sql<{ island: string; commune: string; created_at: Date }>(
      `select island, commune, created_at from households`,
    );
    const individuals = await sql<{ island: string }>(`select island from individuals`);
    const islands = [...new Set(households.map((h) => h.island))].sort();
    expect(report.registry.byIsland).toEqual(
      islands.map((island) => ({
        island,
        households: households.filter((h) => h.island === island).length,
        individuals: individuals.filter((x) => x.island === island).length,
        newHouseholds: households.filter((h) => h.island === island && new Date(h.created_at) >= new Date(period.from)).length,
      })),
    );
    expect(report.registry.byCommune.reduce((sum, c) => sum + c.households, 0)).toBe(households.length);
    const agent = report.users.find((u) => u.username === "agent")!;
    const [stored] = await sql(
      `select count(*)::int as n from submissions where submitted_by = (select id from users where username = 'agent') and received_at >= ?`,
      [period.from],
    );
    expect(agent).toMatchObject({ signIns: 1, submissions: stored.n, decisions: 0 });
    expect(report.users.find((u) => u.username === "superviseur")).toMatchObject({ decisions: 1, signIns: 0 });
  });

  it("gives a past month's registry as it stood at that month's end, not as it stands today", async () => {
    const [first] = await sql<{ island: string; commune: string; members: number }>(
      `select v.state->>'island' as island, v.state->>'commune' as commune, jsonb_array_length(v.state->'members') as members
         from household_versions v join households h on h.id = v.household_id
        where h.source_submission_id = ? and v.version = 1`,
      [previousMonthSubmission],
    );
    const before = await activityFigures(ctx.orm.em.fork(), previousMonth, async () => null);
    expect(before.registry.byIsland).toEqual([{ island: first!.island, households: 1, individuals: first!.members, newHouseholds: 1 }]);
    expect(before.registry.byCommune).toEqual([{ commune: first!.commune, households: 1, individuals: first!.members, newHouseholds: 1 }]);
  });

  it("lists incidents with their root cause, backups made and verified, and the audit chain's state and anchor", async () => {
    expect(report.incidents).toEqual([
      expect.objectContaining({
        number: 1,
        severity: "minor",
        status: "closed",
        alarm: null,
        rootCause: "Lien satellite saturé",
        preventiveMeasure: "Synchroniser la nuit",
      }),
    ]);
    expect(report.backups).toMatchObject({ made: 1, verified: 1, failed: 0, errors: [] });
    const [run] = await sql(`select bytes, verified_at from backup_runs`);
    expect(report.backups.bytes).toBe(Number(run.bytes));
    expect(report.backups.lastVerifiedAt).toBe(new Date(run.verified_at).toISOString());
    const { anchors } = await readAnchors(ctx.config.audit.anchorFile, ctx.config.audit.anchorKey);
    const latest = anchors[anchors.length - 1]!;
    expect(report.audit).toMatchObject({
      intact: true,
      findings: 0,
      // The head anchored last; the sequencer may anchor the same head again later (a new `at`, the same proof).
      anchor: { seq: latest.seq, rows: latest.rows, hash: latest.hash, at: expect.any(String) },
    });
    const [audit] = await sql(`select count(*)::int as n from audit_log where at >= ? and at < ?`, [period.from, period.to]);
    expect(report.audit.rows).toBe(audit.n);
  });

  it("a quarter counts what its months count", async () => {
    const q = parseReportPeriod(quarter, "quarterly", zone)!;
    const quarterly = await activityFigures(ctx.orm.em.fork(), q, async () => null);
    expect(quarterly.submissions.total).toEqual(counts(await sentIn(q)));
    expect(quarterly.audit.intact).toBeNull();
  });
});

describe("rsu report and /api/reports", () => {
  it("rsu report monthly writes the HTML and an XLSX holding the same tables, without a name or NIN", async () => {
    const out = join(dir, "reports");
    const run = await runCli(["report", "monthly", month, "--out", out], env);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split("\n")).toEqual([join(out, `rsu-rapport-${month}.html`), join(out, `rsu-rapport-${month}.xlsx`)]);
    const html = await readFile(join(out, `rsu-rapport-${month}.html`), "utf8");
    expect(html).toContain(`<title>Rapport mensuel d&#39;exploitation ${month}</title>`);
    expect(html.match(/<svg/g)).toHaveLength(4);
    expect(html).not.toMatch(/<script/i);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(out, `rsu-rapport-${month}.xlsx`));
    const tables = reportTables(report, "fr");
    expect(workbook.worksheets.map((w) => w.name)).toEqual(tables.map((t) => t.sheet));
    for (const table of tables) {
      const sheet = workbook.getWorksheet(table.sheet)!;
      const rows: unknown[][] = [];
      sheet.eachRow((row, n) => {
        if (n >= XLSX_HEADER_ROW) rows.push(Array.from(row.values as unknown[], (v) => v ?? null).slice(1));
      });
      const width = table.columns.length;
      const pad = (r: unknown[]) => [...r, ...Array(width - r.length).fill(null)];
      expect(rows.map(pad), table.sheet).toEqual([table.columns.map((c) => c.fr), ...table.rows.map(pad)]);
    }
    const text = `${html}\n${JSON.stringify(tables)}`;
    for (const word of personal) expect(text).not.toContain(word);
  });

  it("serves the figures, the HTML in English and the XLSX to administrators only, and refuses a malformed period", async () => {
    const figures = await ctx.get(`/api/reports/${month}`);
    expect(figures.status).toBe(200);
    expect({ ...figures.body, generatedAt: null }).toEqual({ ...report, generatedAt: null });
    expect((await ctx.get(`/api/reports/${month}`, "superviseur")).status).toBe(403);
    expect((await ctx.get(`/api/reports/${quarter}/report.html`, "analyste")).status).toBe(403);

    const html = await ctx.request(`/api/reports/${quarter}/report.html?lang=en`);
    expect(html.status).toBe(200);
    // The application's policy holds: no script runs in it (it has none).
    expect(html.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(await html.text()).toContain(`<title>Quarterly operations report ${quarter}</title>`);

    const xlsx = await ctx.request(`/api/reports/${month}/report.xlsx?lang=en`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-disposition")).toBe(`attachment; filename="rsu-report-${month}.xlsx"`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    expect(workbook.getWorksheet("Soumissions-iles")!.getRow(XLSX_HEADER_ROW).values).toEqual([
      undefined,
      "Island",
      "Received",
      "Valid",
      "Invalid",
      "Rejected",
      "Waiting",
    ]);

    for (const [path, pointer] of [
      ["/api/reports/2026-13", "/period"],
      ["/api/reports/2026-Q5/report.html", "/period"],
      [`/api/reports/${month}/report.xlsx?lang=ar`, "/lang"],
    ] as const) {
      const refused = await ctx.get(path);
      expect(refused.status, path).toBe(400);
      expect(refused.body.error.code).toBe("invalid_parameter");
      expect(refused.body.error.details.map((d: { pointer: string }) => d.pointer)).toEqual([pointer]);
    }
  });
});
