import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../helpers/test-context";
import { workbookOfCells, zipOf } from "../helpers/zip-bomb";

/**
 * POST /api/forms/import refuses a workbook too large to be a questionnaire with 413 `xlsform_too_large`
 * (issue #20): a ZIP bomb before any reader inflates it, a workbook of too many filled cells before its
 * rows are turned into tables. Nothing is written.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext("xlsform_limits");
});
afterAll(() => ctx?.close());

const importForm = async (body: Uint8Array<ArrayBuffer>, query = "") => {
  const res = await ctx.request(`/api/forms/import${query}`, { method: "POST", body }, "concepteur");
  return { status: res.status, body: await res.json() };
};

describe("XLSForm import limits", () => {
  it("refuses a ZIP bomb (64 MiB of sheet in a few kilobytes, its headers lying) with 413", async () => {
    const sheet = new Uint8Array(64 * 1024 * 1024).fill(0x20);
    const bomb = zipOf([
      { name: "[Content_Types].xml", content: new TextEncoder().encode("<Types/>") },
      { name: "xl/worksheets/sheet1.xml", content: sheet, declaredSize: 1024 },
    ]);
    expect(bomb.length).toBeLessThan(100 * 1024);
    const { status, body } = await importForm(bomb, "?mode=create&id=bombe");
    expect(status).toBe(413);
    expect(body.error.code).toBe("xlsform_too_large");
    expect(body.error.message.fr).toBe("Ce classeur décompressé dépasse 40 Mio : refusé avant d'être lu.");
    expect(body.error.message.en).toBe("This workbook exceeds 40 MiB once uncompressed: refused before being read.");
    expect((await ctx.get("/api/forms/bombe")).status).toBe(404);
  });

  it("refuses a workbook of more than 300,000 filled cells with 413", async () => {
    const tooMany = await importForm(workbookOfCells(14_999));
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.error).toMatchObject({
      code: "xlsform_too_large",
      message: {
        fr: "Ce classeur compte plus de 300000 cellules remplies : aucun questionnaire n'en demande autant.",
        en: "This workbook holds more than 300000 filled cells: no questionnaire needs so many.",
      },
    });
  });
});
