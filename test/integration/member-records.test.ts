import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { User } from "../../api/entities";
import { validHousehold } from "../helpers/demo-responses";
import { downloadExport, exportAndDrain, readCsv, readStatFile, type Table } from "../helpers/export-files";
import { createTestContext, type TestContext } from "../helpers/test-context";
import { type Job, publishJobs } from "../helpers/unit-records";

/**
 * A repeat inside the members roster (issue #20: each member's jobs) publishes and goes end to end: each
 * member's record holds their jobs, versioned with the household; the page, the history and exports show
 * each job with only the fields the reader's roles may read; `jobs.<format>` has a row per job keyed by
 * household_id, version, individual_id and record (its place in the member's list).
 */
let ctx: TestContext;
let version: number;
let householdId: string;
/** The member's jobs as submitted, by line in the roster. */
const jobsOf = (seed: number): Job[][] => [
  [
    { job_title: "Pêcheur", job_income: 120.5, job_employer: `Coopérative ${seed}` },
    { job_title: "Maçon", job_income: 80, job_employer: `Entreprise ${seed}` },
  ],
  [{ job_title: "Vendeuse", job_income: 60.25, job_employer: `Marché ${seed}` }],
];
const household = (jobs: Job[][]) => {
  const data = validHousehold(61);
  const members = (data.members as Record<string, unknown>[]).map((member, at) => (jobs[at] ? { ...member, jobs: jobs[at] } : member));
  return { ...data, members };
};

beforeAll(async () => {
  ctx = await createTestContext("member_records");
  ctx.startWorkers();
  version = await publishJobs(ctx);
  expect((validHousehold(61).members as unknown[]).length).toBeGreaterThanOrEqual(2);
  const done = await ctx.submitAndDrain(household(jobsOf(61)), { version });
  expect(done.status, JSON.stringify(done)).toBe("integrated");
  householdId = done.householdId;
}, 120_000);
afterAll(() => ctx?.close());

const grant = async (grants: string[]) => {
  const analyst = await ctx.orm.em.fork().findOneOrFail(User, { username: "analyste" });
  expect((await ctx.patch(`/api/users/${analyst.id}`, { grants })).status).toBe(200);
};
const withoutEmployer = (jobs: Job[]) => jobs.map(({ job_title, job_income }) => ({ job_title, job_income }));

describe("each member's records", () => {
  it("are kept in the member, read field by field on the household page", async () => {
    const page = await ctx.get(`/api/households/${householdId}`);
    expect(page.body.members.slice(0, 2).map((m: { attributes: Record<string, unknown> }) => m.attributes.jobs)).toEqual(jobsOf(61));
    await grant(["sensitive"]);
    const seen = await ctx.get(`/api/households/${householdId}`, "analyste");
    expect(seen.status).toBe(200);
    expect(seen.body.members.slice(0, 2).map((m: { attributes: Record<string, unknown> }) => m.attributes.jobs)).toEqual(
      jobsOf(61).map(withoutEmployer),
    );
  });

  it("are versioned with the household: a changed job is in the history, its employer only for who may read it", async () => {
    const changed = jobsOf(61);
    changed[1]![0] = { ...changed[1]![0]!, job_income: 75.75, job_employer: "Nouvel employeur" };
    const update = await ctx.submitAndDrain(household(changed), { version, householdId, baseVersion: 1 });
    expect(update.status, JSON.stringify(update)).toBe("integrated");
    await grant([]);
    const hidden = JSON.stringify((await ctx.get(`/api/households/${householdId}/history`, "analyste")).body);
    expect(hidden).toContain("75.75");
    expect(hidden).not.toContain("job_employer");
    expect(hidden).not.toContain("employeur");
    await grant(["personal"]);
    const shown = JSON.stringify((await ctx.get(`/api/households/${householdId}/history`, "analyste")).body);
    expect(shown).toContain("Nouvel employeur");
  });
});

describe("jobs in exports", () => {
  const COLUMNS = ["household_id", "version", "individual_id", "record", "job_employer", "job_income", "job_title"];
  /** The rows the household's current version should give, members' ids read from the page. */
  async function expected(columns = COLUMNS): Promise<Table> {
    const page = await ctx.get(`/api/households/${householdId}`);
    return page.body.members.flatMap((member: { id: string; attributes: { jobs?: Job[] } }) =>
      (member.attributes.jobs ?? []).map((job, at) => {
        const row: Record<string, string> = {
          household_id: householdId,
          version: String(page.body.version),
          individual_id: member.id,
          record: String(at + 1),
          job_employer: job.job_employer!,
          job_income: String(job.job_income),
          job_title: job.job_title!,
        };
        return Object.fromEntries(columns.map((c) => [c, row[c]!]));
      }),
    );
  }
  const normalised = (rows: Table) =>
    rows.map((row) =>
      Object.fromEntries(Object.entries(row).map(([k, v]) => [k, ["version", "record", "job_income"].includes(k) ? String(Number(v)) : v])),
    );

  it("CSV and Stata: a row per job keyed to its member, the employer left out for an analyst without the personal grant", async () => {
    const csv = await exportAndDrain(ctx, { format: "csv" });
    const files = (await downloadExport(ctx, csv.id)).files;
    expect(normalised(readCsv(files.get("jobs.csv")!))).toEqual(await expected());
    const individuals = readCsv(files.get("individuals.csv")!);
    expect(Object.keys(individuals[0]!)).not.toContain("jobs");
    const codebook = readCsv(files.get("codebook.csv")!).filter((line) => line.file === "jobs");
    expect(codebook.map((line) => [line.name, line.label]).slice(0, 4)).toEqual([
      ["household_id", "Identifiant du ménage"],
      ["version", "Version du ménage"],
      ["individual_id", "Identifiant du membre"],
      ["record", "Numéro de l'enregistrement : sa position dans la liste du membre, à partir de 1"],
    ]);
    await grant([]);
    const dta = await exportAndDrain(ctx, { format: "dta" }, "analyste");
    const { rows } = await readStatFile((await downloadExport(ctx, dta.id, "analyste")).files.get("jobs.dta")!, "dta");
    expect(normalised(rows)).toEqual(await expected(COLUMNS.filter((c) => c !== "job_employer")));
  });
});
