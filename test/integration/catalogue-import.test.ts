import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../helpers/test-context";

/** POST /api/catalogue/import (issue 4) on the real database: preview, all-or-nothing apply, round trip. */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext("catalogue_import");
});
afterAll(() => ctx?.close());

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const sql = (text: string, params: unknown[] = []) => ctx.orm.em.fork().getConnection().execute(text, params) as Promise<any[]>;
const importFile = (body: BodyInit, type: string, mode = "apply", as: "admin" | "concepteur" | "analyste" | "agent" = "concepteur") =>
  ctx.request(`/api/catalogue/import?mode=${mode}`, { method: "POST", body, headers: { "content-type": type } }, as);
const exported = async (query: string) => new Uint8Array(await (await ctx.request(`/api/catalogue/export?${query}`)).arrayBuffer());
const exportedText = async (query: string) => (await ctx.request(`/api/catalogue/export?${query}`)).text();
/** The catalogue as the API shows it: what the round trip must give back. */
const catalogue = async () => ({
  variables: await (await ctx.request("/api/variables?limit=500")).json(),
  codeLists: await (await ctx.request("/api/code-lists")).json(),
});
/** Edits one cell of an exported workbook, found by sheet, column name and the row's first cell. */
async function editWorkbook(
  bytes: Uint8Array,
  edits: [sheet: string, key: string, column: string, value: unknown][],
): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  for (const [name, key, column, value] of edits) {
    const sheet = workbook.getWorksheet(name)!;
    const col = (sheet.getRow(1).values as unknown[]).indexOf(column);
    let done = false;
    sheet.eachRow((row) => {
      if (done || row.getCell(1).value !== key) return;
      row.getCell(col).value = value as ExcelJS.CellValue;
      done = true;
    });
    expect(done).toBe(true);
  }
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

describe("catalogue import", () => {
  it("XLSX export → import into an emptied catalogue gives the identical catalogue; preview writes nothing", async () => {
    const before = await catalogue();
    const file = await exported("format=xlsx");
    await sql("delete from variables");
    await sql("delete from code_lists");

    const preview = await importFile(file, XLSX, "preview");
    expect(preview.status).toBe(200);
    const plan = await preview.json();
    expect(plan).toMatchObject({ mode: "preview", applied: false, changed: [], unchanged: 0, refused: [] });
    expect(plan.added).toHaveLength(before.variables.total + before.codeLists.length);
    expect((await catalogue()).variables.total).toBe(0);

    const applied = await importFile(file, XLSX);
    expect(applied.status).toBe(200);
    expect(await applied.json()).toMatchObject({ applied: true, refused: [] });
    expect(await catalogue()).toEqual(before);

    const again = await (await importFile(file, XLSX)).json();
    expect(again).toMatchObject({ added: [], changed: [], unchanged: before.variables.total + before.codeLists.length });
  });

  it("refuses the whole import when one row is bad, with the row's reason, and writes nothing", async () => {
    const before = await catalogue();
    const audits = (await sql("select count(*)::int as n from audit_log"))[0].n;
    const [good, bad] = before.variables.items as { code: string }[];
    const file = await editWorkbook(await exported("format=xlsx"), [
      ["variables", good!.code, "label_fr", "Libellé modifié"],
      ["variables", bad!.code, "level", "Village entier"],
    ]);
    const preview = await importFile(file, XLSX, "preview");
    expect(preview.status).toBe(200);
    expect((await preview.json()).refused).toHaveLength(1);
    const res = await importFile(file, XLSX);
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.code).toBe("catalogue_import_refused");
    expect(body.error.message.fr).toContain("Rien n'a été écrit");
    expect(body.error.details.refused).toEqual([
      expect.objectContaining({ sheet: "variables", row: 3, column: "level", entry: bad!.code }),
    ]);
    expect(body.error.details.changed).toEqual([
      expect.objectContaining({ code: good!.code, fields: [expect.objectContaining({ field: "label" })] }),
    ]);
    expect(await catalogue()).toEqual(before);
    expect((await sql("select count(*)::int as n from audit_log"))[0].n).toBe(audits);
  });

  it("applies a change with a new revision and one audit row naming it", async () => {
    const csv = (await exportedText("format=csv&sheet=variables")).replace(
      /^(\w+),(household|individual),(\w+),([^,\r\n]*),/m,
      "$1,$2,$3,$4 (révisé),",
    );
    const code = csv.split("\r\n")[1]!.split(",")[0]!;
    const res = await importFile(csv, "text/csv; charset=utf-8");
    expect(res.status).toBe(200);
    const plan = await res.json();
    expect(plan.changed).toEqual([
      expect.objectContaining({ kind: "variable", code, row: 2, fields: [expect.objectContaining({ field: "label" })] }),
    ]);
    const revisions = await (await ctx.request(`/api/variables/${code}/revisions`)).json();
    expect(revisions[0]).toMatchObject({ change: "update", changedBy: expect.any(String) });
    expect(revisions[0].definition.label.fr).toMatch(/ \(révisé\)$/);
    const [audit] = await sql("select actor, details from audit_log where action = 'catalogue.import' order by seq desc limit 1");
    expect(audit.details).toMatchObject({
      added: 0,
      changed: 1,
      revisions: { variables: { [code]: revisions[0].revision }, codeLists: {} },
    });
  });

  it("takes a code-lists CSV alone, and refuses removing a value a published version holds", async () => {
    const [used] = await sql(
      `select l->>'code' as list, l->'items'->0->>'code' as value from form_versions, jsonb_array_elements(snapshot->'codeLists') l limit 1`,
    );
    const csv = await exportedText("format=csv&sheet=code_lists");
    const lines = csv.trimEnd().split("\r\n");
    const withoutValue = lines.filter((line) => !line.startsWith(`${used.list},`) || line.split(",")[4] !== "1"); // the list's first item
    expect(withoutValue.length).toBe(lines.length - 1);
    const res = await importFile(withoutValue.join("\r\n"), "text/csv");
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.details.refused).toContainEqual(
      expect.objectContaining({
        sheet: "code_lists",
        code: "code_in_use",
        entry: used.list,
        usedBy: [expect.objectContaining({ version: 1 })],
      }),
    );

    const added = [
      ...lines,
      lines.find((l) => l.startsWith(`${used.list},`))!.replace(/^([^,]*,[^,]*,[^,]*,[^,]*,)\d+,[^,]*,/, "$1999,zz_new,"),
    ];
    const ok = await importFile(added.join("\r\n"), "text/csv");
    expect(ok.status).toBe(200);
    expect((await ok.json()).changed).toEqual([
      expect.objectContaining({ kind: "codeList", code: used.list, fields: [expect.objectContaining({ field: "items/zz_new" })] }),
    ]);
    expect((await (await ctx.request(`/api/code-lists/${used.list}`)).json()).items.at(-1).code).toBe("zz_new");
  });

  it("refuses a type change of a variable a published version binds, with the versions", async () => {
    const [{ code }] = await sql(
      `select v->>'code' as code from form_versions, jsonb_array_elements(snapshot->'variables') v where v->>'type' = 'integer' limit 1`,
    );
    const file = await editWorkbook(await exported("format=xlsx"), [["variables", code, "type", "decimal"]]);
    const body = await (await importFile(file, XLSX)).json();
    expect(body.error.details.refused).toEqual([
      expect.objectContaining({ code: "variable_in_use", entry: code, column: "type", usedBy: [expect.objectContaining({ version: 1 })] }),
    ]);
  });

  it("answers bad requests with stable codes", async () => {
    const file = await exported("format=xlsx");
    expect((await importFile(file, XLSX, "apply", "analyste")).status).toBe(403);
    expect((await importFile(file, XLSX, "apply", "agent")).status).toBe(403);
    const wrongType = await importFile(file, "application/json");
    expect([wrongType.status, (await wrongType.json()).error.code]).toEqual([415, "unsupported_media_type"]);
    const unreadable = await importFile("pas un classeur", XLSX);
    expect([unreadable.status, (await unreadable.json()).error.code]).toEqual([422, "catalogue_file_unreadable"]);
    const latin1 = await importFile(
      new Uint8Array([...new TextEncoder().encode("code,level,type,label_fr\r\nx,household,text,Th"), 0xe9, 0x0d, 0x0a]),
      "text/csv",
    );
    expect([latin1.status, (await latin1.json()).error.code]).toEqual([422, "catalogue_file_unreadable"]);
    const badMode = await importFile(file, XLSX, "now");
    expect([badMode.status, (await badMode.json()).error.code]).toEqual([400, "invalid_parameter"]);
    const huge = await importFile(new Uint8Array(10 * 1024 * 1024 + 1), XLSX);
    expect([huge.status, (await huge.json()).error.code]).toEqual([413, "payload_too_large"]);
  });
});
