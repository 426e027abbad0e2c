import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type DemoUsername, type TestContext } from "../helpers/test-context";

/** The catalogue API (issue 4) on the real database, with the demo form "menage" v1 published. */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext("catalogue");
});
afterAll(() => ctx?.close());

/** A write as the designer unless told otherwise. */
const send = (method: string, path: string, body: unknown, as: DemoUsername = "concepteur") => ctx.send(method, path, body, as);
const sql = (text: string, params: unknown[] = []) => ctx.orm.em.fork().getConnection().execute(text, params);

const income = {
  code: "monthly_income",
  level: "household",
  type: "decimal",
  label: { fr: "Revenu mensuel du ménage", en: "Monthly household income", ar: "الدخل الشهري" },
  description: { fr: "Somme des revenus monétaires du mois écoulé", en: "Sum of cash income last month" },
  universe: { fr: "Tous les ménages" },
  unit: "KMF",
  theme: "livelihood",
  constraints: { min: 0, max: 10_000_000, decimals: 0 },
  sensitivity: "personal",
  notes: "Arrondi au millier.",
};

describe("variables", () => {
  it("creates a variable as a draft, keeps its revision and audits it", async () => {
    const res = await send("POST", "/api/variables", income);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ code: "monthly_income", status: "draft" });
    const got = (await ctx.get("/api/variables/monthly_income", "analyste")).body;
    expect(got).toMatchObject({ code: "monthly_income", unit: "KMF", usedBy: [] });
    const audit = await sql(`select actor, action from audit_log where entity_id = 'monthly_income'`);
    expect(audit).toEqual([{ actor: "concepteur", action: "variable.create" }]);
  });

  it("updates a variable and keeps every revision", async () => {
    const res = await send("PUT", "/api/variables/monthly_income", {
      ...income,
      status: "active",
      label: { ...income.label, fr: "Revenu mensuel" },
    });
    expect(res.status).toBe(200);
    const revisions = (await ctx.get("/api/variables/monthly_income/revisions")).body;
    expect(revisions.map((r: any) => [r.revision, r.change, r.changedBy])).toEqual([
      [2, "update", "concepteur"],
      [1, "create", "concepteur"],
    ]);
    expect(revisions[1].definition.label.fr).toBe("Revenu mensuel du ménage");
    expect((await sql(`select action from audit_log where entity_id = 'monthly_income' order by seq`)).map((r: any) => r.action)).toEqual([
      "variable.create",
      "variable.update",
    ]);
  });

  it("searches code, labels in any language and description, with filters and paging", async () => {
    const search = async (query: string) => (await ctx.get(`/api/variables?${query}`, "analyste")).body;
    expect((await search("q=MONTHLY_INC")).items.map((v: any) => v.code)).toEqual(["monthly_income"]);
    expect((await search("q=الدخل")).items.map((v: any) => v.code)).toEqual(["monthly_income"]);
    expect((await search("q=revenus%20mon")).items.map((v: any) => v.code)).toEqual(["monthly_income"]);
    expect((await search("q=100%25")).items).toEqual([]);
    const filtered = await search("theme=livelihood&type=decimal&level=household&status=active&sensitivity=personal");
    expect(filtered.items.map((v: any) => v.code)).toEqual(["monthly_income"]);
    const page = await search("type=single_choice&limit=2&offset=1");
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(3);
    expect((await ctx.request("/api/variables?limit=0")).status).toBe(400);
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ["a code not in snake case", { code: "MonthlyIncome" }, "/code", "code_format"],
    ["an existing code", { code: "number_of_rooms" }, "/code", "duplicate_code"],
    ["no French label", { code: "x_label", label: { en: "Income" } }, "/label/fr", "required"],
    ["an empty French label", { code: "x_label", label: { fr: "" } }, "/label/fr", "french_label_required"],
    ["an unknown code list", { code: "x_list", type: "single_choice", codeList: "nope" }, "/codeList", "unknown_code_list"],
    ["a choice without code list", { code: "x_list", type: "multiple_choice" }, "/codeList", "code_list_required"],
    ["a code list on a number", { code: "x_list", codeList: "tenure" }, "/codeList", "code_list_not_allowed"],
    ["min above max", { code: "x_range", constraints: { min: 5, max: 1 } }, "/constraints/min", "min_above_max"],
    ["an unknown type", { code: "x_type", type: "colour" }, "/type", "enum"],
  ])("refuses %s with 422 naming the field", async (_name, changes, pointer, code) => {
    const res = await send("POST", "/api/variables", { ...income, ...changes });
    expect(res.status).toBe(422);
    const body = res.body;
    expect(body.error.code).toBe("body_invalid");
    expect(body.error.details).toContainEqual(
      expect.objectContaining({ pointer, ...(code === "required" || code === "enum" ? {} : { code }) }),
    );
    expect(body.error.details[0].message.fr).toBeTruthy();
  });

  it("refuses changing the code or type of a variable used by a published version, but allows deprecating it", async () => {
    const current = (await ctx.get("/api/variables/number_of_rooms")).body;
    expect(current.usedBy).toEqual([{ formId: "menage", version: 1 }]);
    const { usedBy: _usedBy, ...definition } = current;
    for (const changed of [
      { ...definition, type: "decimal" },
      { ...definition, code: "rooms" },
    ]) {
      const res = await send("PUT", "/api/variables/number_of_rooms", changed);
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ code: "variable_in_use", details: { usedBy: [{ formId: "menage", version: 1 }] } });
    }
    const deprecated = await send("PUT", "/api/variables/number_of_rooms", { ...definition, status: "deprecated" });
    expect(deprecated.status).toBe(200);
    expect((await ctx.get("/api/variables?status=deprecated")).body.items.map((v: any) => v.code)).toEqual(["number_of_rooms"]);
    const revisions = (await ctx.get("/api/variables/number_of_rooms/revisions")).body;
    expect(revisions.map((r: any) => [r.revision, r.change, r.definition.status ?? "active"])).toEqual([
      [2, "update", "deprecated"],
      [1, "create", "active"],
    ]);
  });

  it("renames a variable no published version uses", async () => {
    const res = await send("PUT", "/api/variables/monthly_income", { ...income, code: "household_income" });
    expect(res.status).toBe(200);
    expect((await ctx.request("/api/variables/monthly_income")).status).toBe(404);
    expect((await ctx.request("/api/variables/household_income")).status).toBe(200);
  });

  it("lists the units of records its variables describe (#20), and refuses a unit code that is not lowercase snake case", async () => {
    expect((await ctx.get("/api/variables/units", "analyste")).body).toEqual({ units: [] });
    const plot = { code: "plot_area", level: "plots", type: "decimal", label: { fr: "Superficie de la parcelle" } };
    expect((await send("POST", "/api/variables", plot)).status).toBe(201);
    expect((await send("POST", "/api/variables", { ...plot, code: "herd_size", level: "livestock", type: "integer" })).status).toBe(201);
    expect((await ctx.get("/api/variables/units", "analyste")).body).toEqual({ units: ["livestock", "plots"] });
    const refused = await send("POST", "/api/variables", { ...plot, code: "plot_owner", level: "Parcelles" });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.map((d: { pointer: string }) => d.pointer)).toEqual(["/level"]);
  });

  it("answers 404 for an unknown variable and 403 to an analyst who writes", async () => {
    expect((await ctx.get("/api/variables/nope")).body.error.code).toBe("variable_not_found");
    expect((await send("POST", "/api/variables", { ...income, code: "analyst_try" }, "analyste")).status).toBe(403);
    expect((await send("PUT", "/api/code-lists/tenure", {}, "analyste")).status).toBe(403);
    expect((await send("POST", "/api/catalogue/releases", { name: "x" }, "analyste")).status).toBe(403);
  });
});

const tenure = async () => (await ctx.get("/api/code-lists/tenure")).body;

describe("code lists", () => {
  it("creates hierarchical lists and refuses unknown parents, duplicate values and cycles", async () => {
    const zone = {
      code: "zone",
      label: { fr: "Zone" },
      items: [
        { code: "u", label: { fr: "Urbaine" } },
        { code: "r", label: { fr: "Rurale" } },
      ],
    };
    expect((await send("POST", "/api/code-lists", zone)).status).toBe(201);
    const sub = {
      code: "sub_zone",
      label: { fr: "Sous-zone" },
      parentList: "zone",
      items: [{ code: "u1", label: { fr: "Centre" }, parent: "u" }],
    };
    expect((await send("POST", "/api/code-lists", sub)).status).toBe(201);

    const refusals: [unknown, string, string][] = [
      [{ ...sub, code: "bad_parent", items: [{ code: "x", label: { fr: "X" }, parent: "z" }] }, "/items/0/parent", "unknown_parent"],
      [{ ...zone, code: "dup_values", items: [...zone.items, { code: "u", label: { fr: "Encore" } }] }, "/items/2/code", "duplicate_value"],
      [{ ...sub, code: "bad_list", parentList: "nope" }, "/parentList", "unknown_code_list"],
    ];
    for (const [body, pointer, code] of refusals) {
      const res = await send("POST", "/api/code-lists", body);
      expect(res.status).toBe(422);
      expect(res.body.error.details).toContainEqual(expect.objectContaining({ pointer, code }));
    }
    const cycle = await send("PUT", "/api/code-lists/zone", {
      ...zone,
      parentList: "sub_zone",
      items: [
        { code: "u", label: { fr: "U" }, parent: "u1" },
        { code: "r", label: { fr: "R" }, parent: "u1" },
      ],
    });
    expect(cycle.status).toBe(422);
    expect(cycle.body.error.details).toContainEqual(expect.objectContaining({ pointer: "/parentList", code: "hierarchy_cycle" }));
  });

  it("refuses removing a value a published version holds, allows reordering and adding", async () => {
    const list = await tenure();
    const removed = await send("PUT", "/api/code-lists/tenure", { ...list, items: list.items.slice(1) });
    expect(removed.status).toBe(409);
    expect(removed.body.error).toMatchObject({
      code: "code_in_use",
      details: { values: ["1"], usedBy: [{ formId: "menage", version: 1 }] },
    });
    const reordered = [...list.items].reverse().concat([{ code: "5", label: { fr: "Squatteur" } }]);
    expect((await send("PUT", "/api/code-lists/tenure", { ...list, items: reordered })).status).toBe(200);
    expect((await tenure()).items.map((i: any) => i.code)).toEqual(["4", "3", "2", "1", "5"]);
    // A value no published version holds may go again.
    expect((await send("PUT", "/api/code-lists/tenure", { ...list, items: list.items })).status).toBe(200);
    const actions = await sql(`select action from audit_log where entity_type = 'code_list' and entity_id = 'tenure' order by seq`);
    expect(actions.map((r: any) => r.action)).toEqual(["code_list.update", "code_list.update"]);
    expect(await sql(`select revision from code_list_revisions where code = 'tenure' order by revision`)).toEqual([
      { revision: 1 },
      { revision: 2 },
      { revision: 3 },
    ]);
  });

  it("lists code lists and answers 404 for an unknown one", async () => {
    const lists = (await ctx.get("/api/code-lists", "agent")).body;
    expect(lists.map((l: any) => l.code)).toContain("tenure");
    expect((await ctx.get("/api/code-lists/nope")).body.error.code).toBe("code_list_not_found");
  });
});

describe("releases", () => {
  it("freezes the catalogue with a checksum, is immutable, and diffs against another release or the working catalogue", async () => {
    const first = await send("POST", "/api/catalogue/releases", { name: "v1.0", notes: "Validée par le comité de pilotage" });
    expect(first.status).toBe(201);
    const v1 = first.body;
    expect(v1.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect((await send("POST", "/api/catalogue/releases", { name: "v1.0" })).status).toBe(409);

    expect((await send("POST", "/api/variables", { ...income, code: "remittances", label: { fr: "Transferts reçus" } })).status).toBe(201);
    const sinceV1 = (await ctx.get(`/api/catalogue/releases/${v1.id}/diff?against=current`)).body;
    expect(sinceV1.variables.removed).toEqual(["remittances"]); // v1 lacks what the working catalogue added

    const v2 = (await send("POST", "/api/catalogue/releases", { name: "v1.1" })).body;
    const diff = (await ctx.get(`/api/catalogue/releases/${v2.id}/diff?against=${v1.id}`, "analyste")).body;
    expect(diff).toEqual({
      variables: { added: ["remittances"], removed: [], changed: [] },
      codeLists: { added: [], removed: [], changed: [] },
    });

    const listed = (await ctx.get("/api/catalogue/releases")).body;
    expect(listed.map((r: any) => r.name)).toEqual(["v1.1", "v1.0"]);
    const got = (await ctx.get(`/api/catalogue/releases/${v1.id}`)).body;
    expect(got.catalogue.variables.some((v: any) => v.code === "remittances")).toBe(false);
    await expect(sql(`update catalogue_releases set name = 'changed' where id = ?`, [v1.id])).rejects.toThrow(/append-only/);
    expect((await sql(`select count(*)::int as n from audit_log where action = 'catalogue.release'`))[0]!.n).toBe(2);
    expect((await ctx.get("/api/catalogue/releases/9999")).body.error.code).toBe("release_not_found");
  });
});
