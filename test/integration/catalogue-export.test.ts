import ExcelJS from "exceljs";
import { XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoCatalogue } from "../../api/db/seeders/demo/catalogue";
import { createTestContext, type TestContext } from "../helpers/test-context";

/** GET /api/catalogue/export (issue 4) on the real database, for the working catalogue and a release. */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext("catalogue_export");
});
afterAll(() => ctx?.close());

const today = () => new Date().toISOString().slice(0, 10);
const get = (query: string) => ctx.request(`/api/catalogue/export?${query}`, {}, "analyste");

describe("catalogue exports", () => {
  it("serves the specification document inline, in French by default", async () => {
    const res = await get("format=html");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^inline; filename="catalogue-\d{4}-\d{2}-\d{2}\.html"$/);
    const html = await res.text();
    expect(html).toContain("Cahier des charges des variables");
    for (const v of demoCatalogue.variables) expect(html).toContain(`id="var-${v.code}"`);
    expect(await (await get("format=html&lang=en")).text()).toContain("Variable specification");
  });

  it("serves both CSV sheets as attachments", async () => {
    const res = await get("format=csv&sheet=code_lists");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="catalogue-${today()}-code_lists.csv"`);
    expect([...new Uint8Array(await res.clone().arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = await res.text();
    expect(text.startsWith("list,")).toBe(true); // text() strips the BOM
    const items = demoCatalogue.codeLists.reduce((n, l) => n + l.items.length, 0);
    expect(text.trimEnd().split("\r\n")).toHaveLength(items + 1);
    const variables = await get("format=csv");
    expect((await variables.text()).trimEnd().split("\r\n")).toHaveLength(demoCatalogue.variables.length + 1);
  });

  it("serves a workbook and DDI XML", async () => {
    const xlsx = await get("format=xlsx");
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(xlsx.headers.get("content-disposition")).toBe(`attachment; filename="catalogue-${today()}.xlsx"`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    expect(workbook.getWorksheet("variables")!.rowCount).toBe(demoCatalogue.variables.length + 1);

    const ddi = await get("format=ddi");
    expect(ddi.headers.get("content-type")).toBe("application/xml");
    expect(ddi.headers.get("content-disposition")).toBe(`attachment; filename="catalogue-${today()}.xml"`);
    const xml = await ddi.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml.match(/<var /g)).toHaveLength(demoCatalogue.variables.length);
  });

  it("exports a release's frozen catalogue", async () => {
    const created = await ctx.request(
      "/api/catalogue/releases",
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "v1.0 — comité de pilotage", notes: "Première version validée." }),
      },
      "concepteur",
    );
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    const html = await get(`format=html&release=${id}`);
    expect(html.headers.get("content-disposition")).toBe(`inline; filename="catalogue-release-${id}.html"`);
    const text = await html.text();
    expect(text).toContain("v1.0 — comité de pilotage");
    expect(text).toContain("Première version validée.");
    const ddi = await get(`format=ddi&release=${id}`);
    expect(await ddi.text()).toContain("<titl>v1.0 — comité de pilotage</titl>");
    expect((await ctx.request("/api/catalogue/releases", {}, "analyste")).status).toBe(200);
  });

  it("refuses a bad format or sheet, an unknown release and anonymous callers", async () => {
    const bad = await get("format=pdf");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error).toMatchObject({
      code: "unknown_export_format",
      details: { parameter: "format", value: "pdf" },
    });
    const sheet = await get("format=csv&sheet=other");
    expect(sheet.status).toBe(400);
    expect(((await sheet.json()) as any).error.details.parameter).toBe("sheet");
    expect((await get("format=csv&release=999999")).status).toBe(404);
    expect((await ctx.request("/api/catalogue/export?format=html", {}, null)).status).toBe(401);
  });
});
