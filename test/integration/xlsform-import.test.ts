import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { XlsFormImportResult } from "../../schemas/contracts/xlsform";
import { createTestContext, type TestContext } from "../helpers/test-context";

/**
 * POST /api/forms/import (issue #20) on the real database, with real public XLSForms (test/fixtures/xlsform,
 * SOURCES.tsv): each one is read and converted with a report in both languages, never a 500; a create makes
 * a draft the designer opens; a form whose questions are catalogue variables binds them and publishes.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext("xlsform_import");
});
afterAll(() => ctx?.close());

const FIXTURES = fileURLToPath(new URL("../fixtures/xlsform/", import.meta.url));
const forms = readdirSync(FIXTURES).filter((f) => !f.endsWith(".tsv"));

const importForm = async (body: BodyInit, query = "", as = "concepteur") => {
  const res = await ctx.request(`/api/forms/import${query}`, { method: "POST", body }, as);
  return { status: res.status, body: await res.json() };
};
const fixture = (name: string) => new Uint8Array(readFileSync(`${FIXTURES}${name}`));
const entry = (result: XlsFormImportResult, name: string, code: string) => result.report.find((e) => e.name === name && e.code === code);

describe("XLSForm import", () => {
  it.each(forms)("previews %s with a report, in French and English, and writes nothing", async (file) => {
    const { status, body } = await importForm(fixture(file));
    expect(status).toBe(200);
    const result = body as XlsFormImportResult;
    expect(result.created).toBe(false);
    expect(result.report.length).toBeGreaterThan(0);
    expect(result.counts.mapped + result.counts.approximated + result.counts.refused).toBe(result.report.length);
    for (const e of result.report) {
      expect(e.message.fr).not.toBe("");
      expect(e.message.en).not.toBe("");
      expect(["mapped", "approximated", "refused"]).toContain(e.outcome);
    }
    expect((result.mask.pages as unknown[]).length).toBeGreaterThan(0);
    expect(result.check).toHaveProperty("publishable");
    expect((await ctx.get(`/api/forms/${result.formId}`)).status).toBe(404);
  });

  it("reads `or specify other` (markdown) as pyxform does: an `other` choice and a question for its text", async () => {
    const result = (await importForm(fixture("pyxform__specify_other.md"))).body as XlsFormImportResult;
    const [sex, other] = (result.mask.pages as { elements: Record<string, unknown>[] }[])[0]!.elements;
    expect(sex).toMatchObject({ type: "radiogroup", name: "sex", title: { en: "What sex are you?" } });
    expect((sex!.choices as { value: string }[]).map((c) => c.value)).toEqual(["male", "female", "other"]);
    expect(other).toMatchObject({ type: "text", name: "sex_other", visibleIf: "({sex} = 'other')", isRequired: true });
    expect(entry(result, "sex", "or_other")?.outcome).toBe("mapped");
  });

  it("translates constraints and defaults of a legacy .xls, and names each row it cannot carry", async () => {
    const result = (await importForm(fixture("pyxform__widgets.xls"))).body as XlsFormImportResult;
    const elements = (result.mask.pages as { elements: Record<string, unknown>[] }[]).flatMap((p) => p.elements);
    const decimal = elements.find((e) => e.name === "my_decimal")!;
    expect(decimal).toMatchObject({ type: "text", inputType: "number", defaultValue: 18.31 });
    expect(decimal.validators).toEqual([
      {
        type: "expression",
        expression: "{my_decimal} empty or (({my_decimal} > 10.51) and ({my_decimal} < 18.39))",
        text: "number must be between 10.51 and 18.39",
      },
    ]);
    // A photo is a file question kept in the submission (#20); a video is refused, named on its row.
    expect(elements.find((e) => e.name === "my_image")).toMatchObject({ type: "file", storeDataAsText: true, acceptedTypes: "image/*" });
    expect(result.report).toContainEqual(
      expect.objectContaining({ sheet: "survey", row: 15, name: "my_video", outcome: "refused", code: "unsupported_type" }),
    );
    expect(entry(result, "my_geopoint", "typed_as_text")?.outcome).toBe("approximated");
  });

  it("reports an expression it cannot translate on its row and column, and leaves it out", async () => {
    const result = (await importForm(fixture("pyxform__UCL_Biomass_Plot_Form.xlsx"))).body as XlsFormImportResult;
    const sqrt = result.report.find((e) => e.code === "untranslated_expression" && e.message.en.includes("sqrt()"));
    expect(sqrt).toMatchObject({ sheet: "survey", column: "calculation", outcome: "refused" });
    expect(sqrt!.message.fr).toContain("sqrt()");
  });

  it("creates a form whose draft is the mask, once; binds catalogue variables; publishes it", async () => {
    const csv = [
      "survey,type,name,label::Français (fr),label::English (en),required,relevant,constraint",
      ",text,village,Village,Village,yes,,",
      ",integer,number_of_rooms,Pièces,Rooms,yes,,. > 0 and . < 30",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: XLSForm's own reference syntax
      ",select_one oui_non,consent,Accord ?,Consent?,yes,${number_of_rooms} > 1,",
      "choices,list_name,name,label::Français (fr),label::English (en)",
      ",oui_non,1,Oui,Yes",
      ",oui_non,0,Non,No",
      "settings,form_title,form_id",
      ",Petit questionnaire,petit_questionnaire",
    ].join("\n");
    const created = await importForm(csv, "?mode=create");
    expect(created.status).toBe(201);
    const result = created.body as XlsFormImportResult;
    expect(result).toMatchObject({ formId: "petit_questionnaire", created: true, title: { fr: "Petit questionnaire" } });
    expect(entry(result, "village", "bound_to_variable")?.outcome).toBe("mapped");
    expect(entry(result, "consent", "no_variable")?.outcome).toBe("approximated");
    const draft = await ctx.get("/api/forms/petit_questionnaire/draft");
    expect(draft.body.mask).toEqual(result.mask);
    expect(draft.body.mask.pages[0].elements[2]).toMatchObject({
      visibleIf: "({number_of_rooms} > 1)",
      title: { fr: "Accord ?", en: "Consent?" },
    });

    expect((await importForm(csv, "?mode=create")).body.error.code).toBe("form_exists");
    const audit = await ctx.get("/api/audit?action=form.import&entityId=petit_questionnaire");
    expect(audit.body.items).toHaveLength(1);

    const published = await ctx.post("/api/forms/petit_questionnaire/publish");
    expect(published.status).toBe(201);

    // Exported (draft and version 1) as an XLSForm workbook that imports back to the same mask.
    for (const query of ["", "?version=1"]) {
      const exported = await ctx.request(`/api/forms/petit_questionnaire/xlsform${query}`);
      expect(exported.status).toBe(200);
      expect(exported.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      const again = (await importForm(new Uint8Array(await exported.arrayBuffer()))).body as XlsFormImportResult;
      expect(again.mask).toEqual(result.mask);
    }
    expect((await ctx.request("/api/forms/petit_questionnaire/xlsform?version=9")).status).toBe(404);
  });

  it("refuses what is no XLSForm (422), a bad id (400), and a role that does not design forms (403)", async () => {
    const garbage = await importForm("hello, world\n1,2\n");
    expect(garbage).toMatchObject({ status: 422, body: { error: { code: "xlsform_unreadable" } } });
    expect(garbage.body.error.message.fr).toContain("XLSForm");
    expect((await importForm(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]))).status).toBe(422);
    expect((await importForm(fixture("pyxform__loop.md"), "?mode=create&id=Bad-Id")).body.error.code).toBe("invalid_parameter");
    expect((await importForm(fixture("pyxform__loop.md"), "?mode=oops")).status).toBe(400);
    expect((await importForm(fixture("pyxform__loop.md"), "", "agent")).status).toBe(403);
  });
});
