import { describe, expect, it } from "vitest";
import { demoCatalogue } from "../../api/db/seeders/demo/catalogue";
import { renderCatalogueCsv } from "../../schemas/catalogue/export/csv";
import { renderCatalogueXlsx } from "../../schemas/catalogue/export/xlsx";
import { planImport, type PublishedSnapshot } from "../../schemas/catalogue/import/import-plan";
import { readCatalogueCsv } from "../../schemas/catalogue/import/read-csv";
import { readCatalogueXlsx } from "../../schemas/catalogue/import/read-xlsx";
import type { Catalogue, Variable } from "../../schemas/catalogue/types";

/** The catalogue import of issue 4: readers are the exports' inverse; the plan checks the batch as a whole. */
const tricky: Variable = {
  code: "note_libre",
  level: "household",
  type: "text",
  label: { fr: `Remarque "libre", avec virgule`, en: "Free note" },
  description: { fr: 'Ligne 1\nLigne 2, "citée"' },
  constraints: { maxLength: 200, pattern: "^[a-z]+$", min: 0, max: 1.5 },
  sensitivity: "internal",
  status: "draft",
  notes: "  indentation gardée",
};
/** Statuses stated, as the export states them. */
const catalogue: Catalogue = {
  codeLists: demoCatalogue.codeLists,
  variables: [...demoCatalogue.variables, tricky].map((v) => ({ ...v, status: v.status ?? "active" })),
};
const empty: Catalogue = { variables: [], codeLists: [] };

const csv = (c: Catalogue, sheet: "variables" | "code_lists", edit = (t: string) => t) =>
  readCatalogueCsv(edit(renderCatalogueCsv(c, sheet)))!;

describe("reading the exports back", () => {
  it("an XLSX export reads back as the same catalogue", async () => {
    const read = (await readCatalogueXlsx(await renderCatalogueXlsx(catalogue)))!;
    expect(read.rowErrors).toEqual([]);
    expect(read.sheets).toEqual(["variables", "code_lists"]);
    expect(read.catalogue).toEqual(catalogue);
    expect(read.origin.variables[0]).toBe(2);
  });

  it("each CSV sheet reads back, recognised by its header", () => {
    const variables = csv(catalogue, "variables");
    const lists = csv(catalogue, "code_lists");
    expect([variables.sheets, lists.sheets]).toEqual([["variables"], ["code_lists"]]);
    expect(variables.catalogue.variables).toEqual(catalogue.variables);
    expect(lists.catalogue.codeLists).toEqual(catalogue.codeLists);
    expect([...variables.rowErrors, ...lists.rowErrors]).toEqual([]);
  });

  it("refuses what is not a catalogue file", async () => {
    expect(readCatalogueCsv("a,b\r\n1,2\r\n")).toBeUndefined();
    expect(await readCatalogueXlsx(new TextEncoder().encode("not a zip"))).toBeUndefined();
  });

  it.each([
    ["an unknown column", (t: string) => t.replace("theme", "thème"), { row: 1, column: "thème", code: "unknown_column" }],
    ["a missing column", (t: string) => t.replace("level,", "lvl,"), { row: 1, column: "level", code: "missing_column" }],
    ["a number that is not one", (t: string) => t.replace("200,,", "deux cents,,"), { column: "max_length", code: "not_a_number" }],
  ])("reports %s with its row and column", (_, edit, expected) => {
    expect(csv(catalogue, "variables", edit).rowErrors).toContainEqual(expect.objectContaining({ sheet: "variables", ...expected }));
  });

  it("orders items by the order column and refuses a list whose rows disagree", () => {
    const swapped = csv(catalogue, "code_lists", (t) => t.replace(/^(sex,Sexe,Sex,,)1,/m, "$13,"));
    expect(swapped.rowErrors).toEqual([]);
    expect(swapped.catalogue.codeLists.find((l) => l.code === "sex")!.items.map((i) => i.code)).toEqual(["2", "1"]);
    const split = csv(catalogue, "code_lists", (t) => t.replace(/^sex,Sexe,(.*)\r\nsex,Sexe,/m, "sex,Sexe,$1\r\nsex,Genre,"));
    expect(split.rowErrors).toEqual([
      expect.objectContaining({ sheet: "code_lists", column: "list", code: "list_inconsistent", entry: "sex" }),
    ]);
  });
});

describe("the import plan", () => {
  const published: PublishedSnapshot[] = [{ formId: "menage", version: 1, catalogue }];
  const plan = (current: Catalogue, incoming: Catalogue, snapshots: PublishedSnapshot[] = []) =>
    planImport(current, { catalogue: incoming, origin: origin(incoming), sheets: ["variables", "code_lists"], rowErrors: [] }, snapshots)
      .plan;
  const edit = (code: string, change: Partial<Variable>): Catalogue => ({
    ...catalogue,
    variables: catalogue.variables.map((v) => (v.code === code ? { ...v, ...change } : v)),
  });
  const firstChoice = catalogue.variables.find((v) => v.codeList)!;

  it("adds everything into an empty catalogue, a variable naming a list further down the file included", () => {
    const p = plan(empty, catalogue);
    expect(p.refused).toEqual([]);
    expect(p.added).toHaveLength(catalogue.variables.length + catalogue.codeLists.length);
    expect(p.changed).toEqual([]);
  });

  it("counts identical entries as unchanged and lists changed fields", () => {
    const p = plan(catalogue, edit("note_libre", { theme: "livelihood", constraints: { maxLength: 100 } }));
    expect(p.unchanged).toBe(catalogue.variables.length + catalogue.codeLists.length - 1);
    expect(p.changed).toEqual([
      {
        kind: "variable",
        code: "note_libre",
        sheet: "variables",
        row: catalogue.variables.length + 1,
        fields: [
          { field: "constraints", before: tricky.constraints, after: { maxLength: 100 } },
          { field: "theme", before: null, after: "livelihood" },
        ],
      },
    ]);
  });

  it.each([
    // A level is household, individual or the code of a unit of records (plots): lowercase snake case.
    ["a level that is no unit code (schema)", { level: "Les villages" as never }, "level"],
    ["min above max (cross-check)", { constraints: { min: 5, max: 1 } }, "min"],
    ["an unknown code list (cross-check)", { codeList: "nowhere" }, "code_list"],
    ["a bad code format", { code: "Bad-Code" }, "code"],
  ])("refuses %s on the variable's row and column", (_, change, column) => {
    const p = plan(catalogue, edit("note_libre", change as Partial<Variable>));
    expect(p.refused).toEqual([expect.objectContaining({ sheet: "variables", row: catalogue.variables.length + 1, column })]);
    expect(p.refused[0]!.message.fr).toBeTruthy();
    expect(p.refused[0]!.message.en).toBeTruthy();
  });

  it("refuses a second definition of the same code", () => {
    const p = plan(empty, { ...catalogue, variables: [...catalogue.variables, catalogue.variables[0]!] });
    expect(p.refused).toEqual([expect.objectContaining({ code: "duplicate_code", row: catalogue.variables.length + 2 })]);
  });

  it("refuses a type change of a variable a published version binds, naming the versions", () => {
    const p = plan(catalogue, edit(firstChoice.code, { type: "text", codeList: undefined }), published);
    expect(p.refused).toEqual([
      expect.objectContaining({ code: "variable_in_use", entry: firstChoice.code, usedBy: [{ formId: "menage", version: 1 }] }),
    ]);
    expect(plan(catalogue, edit(firstChoice.code, { status: "deprecated" }), published).refused).toEqual([]);
  });

  it("refuses removing a value a published version holds; adding one is fine", () => {
    const [list, ...others] = catalogue.codeLists;
    const shorter = { ...catalogue, codeLists: [{ ...list!, items: list!.items.slice(1) }, ...others] };
    expect(plan(catalogue, shorter, published).refused).toContainEqual(expect.objectContaining({ code: "code_in_use", entry: list!.code }));
    const longer = { ...catalogue, codeLists: [{ ...list!, items: [...list!.items, { code: "99", label: { fr: "Autre" } }] }, ...others] };
    const p = plan(catalogue, longer, published);
    expect(p.refused).toEqual([]);
    expect(p.changed).toEqual([
      expect.objectContaining({
        code: list!.code,
        fields: [{ field: "items/99", before: null, after: { code: "99", label: { fr: "Autre" } } }],
      }),
    ]);
  });

  it("points an item's error at the item's row", () => {
    const [list, ...others] = catalogue.codeLists;
    const dup = { ...catalogue, codeLists: [{ ...list!, items: [...list!.items, list!.items[0]!] }, ...others] };
    const p = plan(catalogue, dup);
    expect(p.refused).toEqual([
      expect.objectContaining({ sheet: "code_lists", row: list!.items.length + 2, column: "code", code: "duplicate_value" }),
    ]);
  });
});

/** Rows as the export writes them: header on row 1, one row per variable, one per list item. */
function origin(c: Catalogue) {
  let row = 2;
  const items = c.codeLists.map((l) => l.items.map(() => row++));
  return { variables: c.variables.map((_, i) => i + 2), codeLists: items.map((rows) => rows[0] ?? 0), items };
}
