import ExcelJS from "exceljs";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { demoCatalogue } from "../../api/db/seeders/demo/catalogue";
import { catalogueLanguages, type ExportSource } from "../../schemas/catalogue/export/common";
import { catalogueTables, renderCatalogueCsv } from "../../schemas/catalogue/export/csv";
import { renderCatalogueDdi } from "../../schemas/catalogue/export/ddi";
import { escapeHtml, renderSpecificationHtml } from "../../schemas/catalogue/export/spec-html";
import { renderCatalogueXlsx } from "../../schemas/catalogue/export/xlsx";
// The import's own reader checks the writer: what one writes, the other must read back.
import { parseCsv } from "../../schemas/catalogue/import/read-csv";
import type { Catalogue } from "../../schemas/catalogue/types";
import { CHOICE_TYPES } from "../../schemas/catalogue/types";

/** The catalogue exports of issue 4, on the demo catalogue plus a variable full of characters to escape. */
const tricky = {
  code: "note_libre",
  level: "household",
  type: "text",
  label: { fr: `Remarque <b>"libre"</b> & 'autre', avec virgule`, en: "Free note" },
  description: { fr: 'Ligne 1\nLigne 2, "citée"' },
  theme: "divers <x>",
  constraints: { maxLength: 200, pattern: "^[a-z]+$" },
  sensitivity: "internal",
} as const;
const catalogue: Catalogue = { ...demoCatalogue, variables: [...demoCatalogue.variables, tricky] };
const source: ExportSource = { generatedAt: "2026-11-28T12:00:00.000Z" };
const itemCount = catalogue.codeLists.reduce((n, l) => n + l.items.length, 0);

describe("specification document (HTML)", () => {
  const html = renderSpecificationHtml(catalogue, "fr", source);

  it("lists every variable code and every theme, with a table of contents", () => {
    for (const v of catalogue.variables) expect(html).toContain(`id="var-${escapeHtml(v.code)}"`);
    const headings = [...html.matchAll(/<h2 id="theme-\d+">([^<]*)<\/h2>/g)].map((m) => m[1]);
    // Themes of the theme list show their label; a theme outside it (written before the list) its code.
    expect(headings).toEqual([
      "Identification",
      "Logement",
      "Biens et équipements",
      "Moyens de subsistance",
      "Membres du ménage",
      "divers &lt;x&gt;",
    ]);
    expect(html).toContain("Sommaire");
    expect(html).toContain("@media print");
    expect(html).not.toMatch(/<script|https?:\/\//);
  });

  it("counts each theme's variables with French and English plurals", () => {
    const one: Catalogue = { ...catalogue, variables: [tricky] };
    expect(renderSpecificationHtml(one, "fr", source)).toContain("divers &lt;x&gt;</a> (1 variable)</li>");
    expect(renderSpecificationHtml(one, "en", source)).toContain("(1 variable)</li>");
    const perTheme = (theme: string) => catalogue.variables.filter((v) => v.theme === theme).length;
    expect(html).toContain(`Logement</a> (${perTheme("dwelling")} variables)</li>`);
    expect(renderSpecificationHtml(catalogue, "en", source)).toContain(`Dwelling</a> (${perTheme("dwelling")} variables)</li>`);
  });

  it("escapes text and prints every item of long code lists", () => {
    expect(html).toContain("Remarque &lt;b&gt;&quot;libre&quot;&lt;/b&gt; &amp; &#39;autre&#39;");
    expect(html).not.toContain('<b>"libre"');
    expect(html).toContain("divers &lt;x&gt;");
    const communes = catalogue.codeLists.find((l) => l.code === "commune")!;
    for (const item of communes.items) expect(html).toContain(`<code>${escapeHtml(item.code)}</code> ${escapeHtml(item.label.fr)}`);
  });

  it("uses the chosen language, falling back to French, and prints the release", () => {
    const en = renderSpecificationHtml(catalogue, "en", {
      ...source,
      release: { name: "v1.2 <comité>", notes: "Validée", createdAt: "2026-11-01T00:00:00Z" },
    });
    expect(en).toContain("Variable specification");
    expect(en).toContain("Free note");
    expect(en).toContain("Ligne 1"); // no English description: French
    expect(en).toContain("v1.2 &lt;comité&gt;");
    expect(en).toContain("Validée");
  });
});

describe("CSV", () => {
  it("writes RFC 4180 with a BOM, one row per variable and per code-list item", () => {
    const variables = renderCatalogueCsv(catalogue, "variables");
    expect(variables.startsWith("\uFEFF")).toBe(true);
    const rows = parseCsv(variables.slice(1));
    const langs = catalogueLanguages(catalogue);
    expect(rows[0]).toEqual(
      expect.arrayContaining(langs.map((l) => `label_${l}`).concat(["min", "max", "decimals", "pattern", "max_length"])),
    );
    expect(rows).toHaveLength(catalogue.variables.length + 1);
    const header = rows[0]!;
    const last = Object.fromEntries(header.map((h, i) => [h, rows.at(-1)![i]]));
    expect(last).toMatchObject({
      code: "note_libre",
      label_fr: tricky.label.fr,
      description_fr: tricky.description.fr,
      max_length: "200",
      pattern: "^[a-z]+$",
    });
    const lists = parseCsv(renderCatalogueCsv(catalogue, "code_lists").slice(1));
    expect(lists).toHaveLength(itemCount + 1);
    expect(lists[0]!.slice(0, 2)).toEqual(["list", "list_label_fr"]);
    expect(lists[0]).toContain("parent");
  });
});

describe("DDI Codebook 2.5", () => {
  const xml = renderCatalogueDdi(catalogue, source);
  it("is well-formed and matches the catalogue's variables, labels and categories", () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({
      ignoreAttributes: false,
      parseTagValue: false,
      isArray: (name) => ["var", "labl", "catgry", "notes"].includes(name),
    }).parse(xml);
    expect(doc.codeBook["@_xmlns"]).toBe("ddi:codebook:2_5");
    const vars = doc.codeBook.dataDscr.var as any[];
    expect(vars).toHaveLength(catalogue.variables.length);
    const lists = new Map(catalogue.codeLists.map((l) => [l.code, l]));
    for (const [i, v] of catalogue.variables.entries()) {
      const got = vars[i];
      expect(got["@_name"]).toBe(v.code);
      expect(got["@_ID"]).toBe(`V_${v.code}`);
      const fr = got.labl.find((l: any) => l["@_xml:lang"] === "fr");
      expect(String(fr["#text"])).toBe(v.label.fr);
      const expected = CHOICE_TYPES.includes(v.type) ? lists.get(v.codeList!)!.items : [];
      expect((got.catgry ?? []).map((c: any) => String(c.catValu))).toEqual(expected.map((item) => item.code));
    }
  });
});

describe("XLSX", () => {
  it("holds the two sheets of the CSV export, header bold and frozen", async () => {
    const bytes = await renderCatalogueXlsx(catalogue);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.buffer as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["variables", "code_lists"]);
    const tables = catalogueTables(catalogue);
    const variables = workbook.getWorksheet("variables")!;
    expect(variables.rowCount).toBe(catalogue.variables.length + 1);
    expect(variables.getRow(1).font?.bold ?? variables.getCell(1, 1).font?.bold).toBe(true);
    expect(variables.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const values = (sheetRow: ExcelJS.Row, width: number) => Array.from({ length: width }, (_, i) => sheetRow.getCell(i + 1).value ?? null);
    expect(values(variables.getRow(1), tables.variables.columns.length)).toEqual(tables.variables.columns);
    expect(values(variables.getRow(catalogue.variables.length + 1), tables.variables.columns.length)).toEqual(tables.variables.rows.at(-1));
    const lists = workbook.getWorksheet("code_lists")!;
    expect(lists.rowCount).toBe(itemCount + 1);
    expect(values(lists.getRow(2), tables.code_lists.columns.length)).toEqual(tables.code_lists.rows[0]);
  });
});
