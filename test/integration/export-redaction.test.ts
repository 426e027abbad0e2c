import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../../api/auth/actor";
import { demoCatalogue } from "../../api/db/seeders/demo/catalogue";
import { User } from "../../api/entities";
import { createApiToken } from "../../api/services/api-tokens";
import { exportLevels, type ExportColumn } from "../../schemas/registry/export-columns";
import { validHousehold } from "../helpers/demo-responses";
import { downloadExport, expectSameAsRegistry, exportAndDrain, readCsv, readStatFile, unzip } from "../helpers/export-files";
import { createTestContext, type TestContext } from "../helpers/test-context";
import type { RunningWorkers } from "../../workers/start-workers";

/**
 * An export never shows more than its requester reads on screen (issue #17, DESIGN.md rule 11): the same
 * households as their list, each value as the household's page shows it to them, and the columns no role
 * of theirs may read left out. Proven for every role, each analyst grant, and a token acting with one role.
 */
let ctx: TestContext;
let workers: RunningWorkers;
const onIsland: Record<string, string[]> = { "1": [], "3": [] };
beforeAll(async () => {
  ctx = await createTestContext("export_redaction");
  workers = ctx.startWorkers();
  for (let seed = 1; onIsland["1"]!.length < 2 || onIsland["3"]!.length < 2; seed++) {
    const data = validHousehold(seed);
    const island = data.island as string;
    if (!onIsland[island] || onIsland[island].length >= 2) continue;
    (data.members as Record<string, unknown>[])[0]!.disability = true;
    const done = await ctx.submitAndDrain(data);
    expect(done.status).toBe("integrated");
    onIsland[island].push(done.householdId);
  }
}, 120_000);
afterAll(() => ctx?.close());

const byCode = { ...demoCatalogue, variables: [...demoCatalogue.variables].sort((a, b) => (a.code < b.code ? -1 : 1)) };
const [allHousehold, allIndividual] = exportLevels(byCode, "fr").map((level) => level.columns) as [ExportColumn[], ExportColumn[]];
const sensitivity = new Map(demoCatalogue.variables.map((v) => [v.code, v.sensitivity ?? "internal"]));

/** The columns a reader of these sensitivities finds in the files. */
function columnsFor(readable: string[]) {
  const may = (c: ExportColumn) =>
    c.needsNames ? readable.includes("personal") : !c.variable || readable.includes(sensitivity.get(c.variable)!);
  return { households: allHousehold.filter(may), individuals: allIndividual.filter(may) };
}

const grant = async (grants: string[]) => {
  const analyst = await ctx.orm.em.fork().findOneOrFail(User, { username: "analyste" });
  expect((await ctx.patch(`/api/users/${analyst.id}`, { grants })).status).toBe(200);
};

/** Exports as `as`, checks columns, households and every value against what `as` reads on screen. */
async function expectExportAsOnScreen(as: string, readable: string[], households: string[]) {
  const view = await exportAndDrain(ctx, { format: "csv" }, as);
  const { files } = await downloadExport(ctx, view.id, as);
  const columns = columnsFor(readable);
  const h = readCsv(files.get("households.csv")!);
  const i = readCsv(files.get("individuals.csv")!);
  expect(Object.keys(h[0]!)).toEqual(columns.households.map((c) => c.name));
  expect(Object.keys(i[0]!)).toEqual(columns.individuals.map((c) => c.name));
  const listed = (await ctx.get("/api/households?limit=500", as)).body.items.map((item: { id: string }) => item.id);
  expect([...listed].sort()).toEqual([...households].sort());
  await expectSameAsRegistry(ctx, columns, h, i, households, "", as);
  return { h, i };
}

const everything = ["public", "internal", "personal", "sensitive"];
const all = () => [...onIsland["1"]!, ...onIsland["3"]!];

describe("an export shows what its requester reads on screen, no more", () => {
  it("administrator: every household, every column", async () => {
    const { i } = await expectExportAsOnScreen("admin", everything, all());
    expect(i.some((row) => row.disability === "1")).toBe(true);
  });

  it("supervisor of Ngazidja: the households of their island only, every column", async () => {
    await expectExportAsOnScreen("superviseur", everything, onIsland["1"]!);
  });

  it("analyst without grants: no names, birth dates, NIN, address, phone or sensitive answers", async () => {
    await grant([]);
    const { h, i } = await expectExportAsOnScreen("analyste", ["public", "internal"], all());
    for (const hidden of ["head_name", "address", "phone"]) expect(h[0]).not.toHaveProperty(hidden);
    for (const hidden of ["first_name", "last_name", "birth_date", "nin", "disability", "chronic_illness"])
      expect(i[0]).not.toHaveProperty(hidden);
  });

  it("analyst with the personal grant: names and dates, still no sensitive answers", async () => {
    await grant(["personal"]);
    const { i } = await expectExportAsOnScreen("analyste", ["public", "internal", "personal"], all());
    expect(i[0]!.first_name).not.toBe("");
    expect(i[0]).not.toHaveProperty("disability");
  });

  it("analyst with both grants: everything", async () => {
    await grant(["personal", "sensitive"]);
    await expectExportAsOnScreen("analyste", everything, all());
  });

  it("in Stata too: the hidden variables are not in the file, labels or not", async () => {
    await grant([]);
    const view = await exportAndDrain(ctx, { format: "dta" }, "analyste");
    const { files } = await downloadExport(ctx, view.id, "analyste");
    const individuals = await readStatFile(files.get("individuals.dta")!, "dta");
    expect(individuals.metadata.variables.map((v) => v.name)).toEqual(columnsFor(["public", "internal"]).individuals.map((c) => c.name));
  });

  it("a token acting as one role of a user who holds two exports as that role only", async () => {
    await ctx.addUser({ username: "sup.analyste", displayName: "Superviseur et analyste", roles: ["supervisor", "analyst"], areas: ["3"] });
    const { secret } = await createApiToken(ctx.orm.em.fork(), systemActor("test"), {
      username: "sup.analyste",
      name: "analyse",
      role: "analyst",
    });
    ctx.tokens["sup.analyste:analyst"] = secret;
    await expectExportAsOnScreen("sup.analyste:analyst", ["public", "internal"], all());
    // Its supervisor token reads everything, on Mwali only.
    await expectExportAsOnScreen("sup.analyste", everything, onIsland["3"]!);
  });

  it("a session with two roles: each household read as the roles that reach it (supervisor on Mwali, analyst elsewhere)", async () => {
    const origin = "http://localhost";
    const password = "un-mot-de-passe-long";
    const created = await ctx.post("/api/users", {
      username: "deux.roles",
      password,
      displayName: "Deux rôles",
      roles: ["supervisor", "analyst"],
      areas: ["3"],
    });
    expect(created.status).toBe(201);
    await grant([]);
    const login = await ctx.app.request(`${origin}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin },
      body: JSON.stringify({ username: "deux.roles", password }),
    });
    expect(login.status).toBe(200);
    const headers = { cookie: login.headers.get("set-cookie")!.split(";")[0]!, origin, "content-type": "application/json" };
    const call = (path: string, init: RequestInit = {}) => ctx.app.request(`${origin}${path}`, { ...init, headers });
    const asked = await (await call("/api/exports", { method: "POST", body: JSON.stringify({ format: "csv" }) })).json();
    await ctx.drain();
    const zip = await call(`/api/exports/${asked.id}/file`);
    expect(zip.status).toBe(200);
    const { files } = await unzip(Buffer.from(await zip.arrayBuffer()));
    const individuals = readCsv(files.get("individuals.csv")!);
    expect(Object.keys(individuals[0]!)).toEqual(allIndividual.map((c) => c.name));
    for (const id of all()) {
      const screen = await (await call(`/api/households/${id}`)).json();
      const rows = individuals.filter((row) => row.household_id === id).sort((a, b) => Number(a.line_number) - Number(b.line_number));
      expect(rows.map((row) => [row.first_name, row.nin, row.disability])).toEqual(
        screen.members.map((m: any) => [
          m.firstName ?? "",
          m.nin ?? "",
          m.attributes.disability === undefined ? "" : m.attributes.disability ? "1" : "0",
        ]),
      );
      // Mwali's households are read as their supervisor reads them, the others as an analyst without grants.
      expect(rows[0]!.disability).toBe(onIsland["3"]!.includes(id) ? "1" : "");
    }
  });

  it("clerks and designers may not export", async () => {
    for (const as of ["agent", "concepteur"]) {
      const res = await ctx.post("/api/exports", { format: "csv" }, as);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("forbidden");
    }
  });

  it("a requester whose roles were taken away before the job ran gets an empty export", async () => {
    await ctx.addUser({ username: "ex.analyste", displayName: "Ancien analyste", roles: ["analyst"], areas: [] });
    // No worker runs between the request and the change of roles.
    await workers.close();
    const asked = await ctx.post("/api/exports", { format: "csv" }, "ex.analyste");
    expect(asked.status).toBe(202);
    const user = await ctx.orm.em.fork().findOneOrFail(User, { username: "ex.analyste" });
    expect((await ctx.patch(`/api/users/${user.id}`, { roles: ["designer"] })).status).toBe(200);
    workers = ctx.startWorkers();
    await ctx.drain();
    const done = await ctx.orm.em
      .fork()
      .getConnection()
      .execute(`select status, households from registry_exports where id = ?`, [asked.body.id]);
    expect(done[0]).toEqual({ status: "done", households: 0 });
  });
});
