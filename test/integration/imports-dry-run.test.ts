import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validHousehold } from "../helpers/demo-responses";
import { oneFileTable, partnerProfile, scratchDir, twoFileTables, writeCsv, writeReadstat, writeXlsx } from "../helpers/partner-files";
import { createTestContext, type TestContext } from "../helpers/test-context";

/*
 * Bulk import up to the dry run (issue #19): partner files as they arrive (Windows-1252, semicolons,
 * merged header cells, empty rows, unknown codes…), a saved mapping profile, and a dry run that checks
 * every row with the mask's own schema and previews matching with nothing written to the registry.
 */
let ctx: TestContext;
const dir = scratchDir();
beforeAll(async () => {
  ctx = await createTestContext("imports_dry_run");
});
afterAll(() => ctx?.close());

const households = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({ key: `M${String(from + i).padStart(5, "0")}`, data: validHousehold(from + i) }));

async function upload(path: string, query = "", importId?: string) {
  const name = path.split("/").pop()!;
  const res = await ctx.request(
    importId ? `/api/imports/${importId}/individuals?name=${name}${query}` : `/api/imports?name=${name}${query}`,
    {
      method: importId ? "PUT" : "POST",
      body: readFileSync(path),
    },
  );
  return { status: res.status, body: await res.json() };
}

async function createProfile(name: string, layout: "one_file" | "two_files" = "one_file", change: (p: any) => void = () => {}) {
  const profile = partnerProfile(name, layout);
  change(profile);
  const res = await ctx.post("/api/import-profiles", profile);
  expect(res.status).toBe(201);
  return res.body.id as string;
}

const registryCounts = async () =>
  (
    await ctx.orm.em
      .fork()
      .getConnection()
      .execute<{ households: string; submissions: string; reviews: string }[]>(
        `select (select count(*) from households) as households, (select count(*) from submissions) as submissions, (select count(*) from review_items) as reviews`,
      )
  )[0];

describe("bulk import: upload, profile, dry run (issue #19)", () => {
  it("a Windows-1252 semicolon CSV with planted defects: each defect is a row's reason, the rest is new, nothing is written", async () => {
    const table = oneFileTable(households(100, 6));
    const header = table[0]!;
    const col = (name: string) => header.indexOf(name);
    // Planted defects: an unknown island, an impossible birth date, a row without household key, an empty row.
    const firstOf = (key: string) => table.findIndex((r) => r[0] === key);
    table[firstOf("M00101")]![col("Île")] = "Mayotte";
    table[firstOf("M00102")]![col("Date de naissance")] = "31/02/1990";
    table.push(["", ...header.slice(1).map(() => "x")]);
    table.splice(
      3,
      0,
      header.map(() => ""),
    );
    const before = await registryCounts();
    const path = writeCsv(join(dir, "recensement.csv"), table, { delimiter: ";", encoding: "win1252" });

    const uploaded = await upload(path);
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.files.households).toMatchObject({
      encoding: "windows-1252",
      delimiter: ";",
      emptyRows: 1,
      rows: table.length - 2,
    });
    expect(uploaded.body.files.households.columns).toContain("Île");

    const suggestions = await ctx.get(`/api/imports/${uploaded.body.id}/suggestions?formId=menage&version=1`);
    expect(suggestions.status).toBe(200);
    const suggested = Object.fromEntries(suggestions.body.households.columns.map((s: any) => [s.column, s.variable]));
    expect(suggested).toMatchObject({
      Île: "island",
      Prénom: "first_name",
      "Date de naissance": "birth_date",
      Sexe: "sex",
      VILLAGE: "village",
    });
    expect(suggestions.body.households.values.Île["Grande Comore"].code).toBe("1");

    const profileId = await createProfile("Recensement 2019");
    const dry = await ctx.post(`/api/imports/${uploaded.body.id}/dry-run`, { profileId });
    expect(dry.status).toBe(200);
    expect(dry.body.households).toBe(7);
    expect(dry.body.counts).toEqual({ new: 4, update: 0, duplicate: 0, unchanged: 0, error: 3 });
    expect(dry.body.errorCodes).toEqual({ not_in_list: 1, format: 1, missing_source_key: 1 });
    expect(dry.body.samples.error.map((s: any) => s.key)).toEqual(["M00101", "M00102", expect.stringMatching(/^∅ households:/)]);
    // Every line of every refused household, by file (the header is line 1): the one file here.
    const linesOf = (key: string) => table.flatMap((r, i) => (r[0] === key ? [i + 1] : []));
    expect(dry.body.samples.error.map((s: any) => s.lines)).toEqual([
      { households: linesOf("M00101") },
      { households: linesOf("M00102") },
      { households: [table.length] },
    ]);
    expect(dry.body.refused).toEqual({ households: [...linesOf("M00101"), ...linesOf("M00102"), table.length] });
    expect(await registryCounts()).toEqual(before);

    // The error workbook: file, line, column, value, error in French.
    const res = await ctx.request(`/api/imports/${uploaded.body.id}/errors.xlsx`);
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const rows = workbook.worksheets[0]!.getSheetValues()
      .slice(2)
      .map((r) => (r as unknown[]).slice(1, 8));
    const lineOf = (planted: string) => table.findIndex((r) => r.includes(planted)) + 1; // the header is line 1
    expect(rows).toEqual([
      ["ménages", lineOf("Mayotte"), "Île", "Mayotte", "M00101", "not_in_list", expect.stringContaining("Valeur inconnue")],
      [
        "ménages",
        lineOf("31/02/1990"),
        "Date de naissance",
        "31/02/1990",
        "M00102",
        "format",
        "Date invalide (format attendu : DD/MM/YYYY).",
      ],
      [
        "ménages",
        table.length,
        "ID_MENAGE",
        undefined, // a blank cell reads back as no value
        expect.stringMatching(/^∅ households:/),
        "missing_source_key",
        "Ligne sans identifiant de ménage.",
      ],
    ]);
  });

  it("a household already in the registry, and one whose head's NIN is held there: previewed as duplicates, never as new", async () => {
    const [existing] = households(200, 1);
    const holderSeed = Array.from({ length: 50 }, (_, i) => 201 + i).find((seed) => (validHousehold(seed).members as any[])[0].nin)!;
    const ninHolder = { key: "M-NIN", data: validHousehold(holderSeed) };
    const integrated = await (async () => {
      const workers = ctx.startWorkers();
      try {
        return [await ctx.submitAndDrain(existing!.data), await ctx.submitAndDrain(ninHolder.data)];
      } finally {
        await workers.close();
      }
    })();
    expect(integrated.map((s) => s.status)).toEqual(["integrated", "integrated"]);
    // Same NIN as the registry's person, all else different: an exact NIN match must not make a second person.
    const other = validHousehold(300);
    (other.members as any[])[0].nin = (ninHolder.data.members as any[])[0].nin;
    const before = await registryCounts();
    const path = writeCsv(join(dir, "doublons.csv"), oneFileTable([existing!, { key: "M00300", data: other }, ...households(400, 2)]));
    const uploaded = await upload(path);
    const dry = await ctx.post(`/api/imports/${uploaded.body.id}/dry-run`, { profileId: await createProfile("Doublons") });
    expect(dry.status).toBe(200);
    expect(dry.body.counts).toEqual({ new: 2, update: 0, duplicate: 2, unchanged: 0, error: 0 });
    expect(dry.body.samples.duplicate.map((s: any) => s.key).sort()).toEqual(["M00200", "M00300"]);
    expect(await registryCounts()).toEqual(before);
  });

  it("two XLSX files (households, individuals) with a merged header cell and a repeated household key", async () => {
    const { households: hh, individuals } = twoFileTables(households(500, 3));
    hh.push([...hh[1]!]); // the first household twice in the households file
    // A header cell merged over two columns (a remark and its continuation): the second header cell is blank.
    const width = hh[0]!.length;
    const noted = hh.map((r, i) => [...r, i ? "note" : "Remarque", i ? "suite" : ""]);
    const first = await upload(await writeXlsx(join(dir, "menages.xlsx"), noted, [`${colName(width + 1)}1:${colName(width + 2)}1`]));
    expect(first.status).toBe(201);
    expect(first.body.files.households.renamed).toEqual([{ column: `Remarque (${width + 2})`, reason: "blank" }]);
    const second = await upload(await writeXlsx(join(dir, "individus.xlsx"), individuals), "", first.body.id);
    expect(second.status).toBe(200);
    const dry = await ctx.post(`/api/imports/${first.body.id}/dry-run`, { profileId: await createProfile("Deux fichiers", "two_files") });
    expect(dry.status).toBe(200);
    expect(dry.body.counts).toEqual({ new: 2, update: 0, duplicate: 0, unchanged: 0, error: 1 });
    expect(dry.body.errorCodes).toEqual({ duplicate_source_key: 1 });
    // The refused household's lines are named in each file, never mixed.
    const key = hh[1]![0]!;
    const linesOf = (table: string[][]) => table.flatMap((r, i) => (i && r[0] === key ? [i + 1] : []));
    expect(linesOf(hh)).toEqual([2, hh.length]);
    expect(dry.body.refused).toEqual({ households: linesOf(hh), individuals: linesOf(individuals) });
    expect(dry.body.samples.error).toEqual([{ key, lines: dry.body.refused, reason: expect.any(Object) }]);
  });

  it("a Stata file read with ReadStat goes through the same dry run", async () => {
    const table = oneFileTable(households(600, 2));
    // Stata names are plain ASCII: the partner's words go to the variable labels.
    const stataName = (name: string) =>
      name
        .normalize("NFD")
        .replace(/\p{M}/gu, "")
        .replace(/[^A-Za-z0-9_]/g, "_");
    const labels = Object.fromEntries(table[0]!.map((name) => [stataName(name), name]));
    const path = writeReadstat(join(dir, "partenaire.dta"), [table[0]!.map(stataName), ...table.slice(1)], {}, labels);
    const uploaded = await upload(path);
    expect(uploaded.body.error).toBeUndefined();
    expect(uploaded.body.files.households.labels).toMatchObject({ Ile: "Île", Date_de_naissance: "Date de naissance" });
    const suggestions = await ctx.get(`/api/imports/${uploaded.body.id}/suggestions?formId=menage&version=1`);
    expect(suggestions.body.households.columns).toContainEqual({ column: "Date_de_naissance", variable: "birth_date", score: 1 });
    const profileId = await createProfile("Stata", "one_file", (p) => {
      for (const c of p.columns) c.column = stataName(c.column);
    });
    const dry = await ctx.post(`/api/imports/${uploaded.body.id}/dry-run`, { profileId });
    expect(dry.body.counts).toEqual({ new: 2, update: 0, duplicate: 0, unchanged: 0, error: 0 });
  });

  it("bad requests get a stable 4xx: unknown format, unreadable file, a profile naming an unknown variable or a missing column", async () => {
    const txt = join(dir, "notes.txt");
    writeCsv(txt, [["a"]]);
    expect(await upload(txt)).toMatchObject({ status: 415, body: { error: { code: "import_format_unknown" } } });
    const fake = join(dir, "faux.xlsx");
    writeCsv(fake, [["pas", "un classeur"]]);
    expect(await upload(fake)).toMatchObject({ status: 422, body: { error: { code: "import_file_unreadable" } } });

    const bad = partnerProfile("Mauvais");
    bad.columns[0]!.variable = "pas_une_variable";
    const refused = await ctx.post("/api/import-profiles", bad);
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: "import_profile_invalid",
      details: [{ pointer: "/columns/0/variable", code: "unknown_variable" }],
    });

    const csv = await upload(
      writeCsv(join(dir, "court.csv"), [
        ["ID_MENAGE", "Île"],
        ["M1", "Anjouan"],
      ]),
    );
    const dry = await ctx.post(`/api/imports/${csv.body.id}/dry-run`, { profileId: await createProfile("Complet") });
    expect(dry.status).toBe(422);
    expect(dry.body.error.code).toBe("import_columns_missing");
    expect((await ctx.post(`/api/imports/${csv.body.id}/dry-run`, { profileId: "nope" })).status).toBe(422);
  });

  it("only administrators import", async () => {
    for (const as of ["superviseur", "agent", "analyste"] as const) {
      expect((await ctx.request("/api/imports", {}, as)).status).toBe(403);
    }
  });
});

function colName(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
