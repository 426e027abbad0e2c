import { describe, expect, it } from "vitest";
import { demoCatalogue } from "../../api/db/seeders/demo/catalogue";
import { ProfileCatalogue } from "../../schemas/imports/household-answers";
import { convertCell, isoDate } from "../../schemas/imports/source-values";
import { suggestColumns, suggestValues } from "../../schemas/imports/suggest-mapping";

const catalogue = new ProfileCatalogue(demoCatalogue);
const convert = (code: string, cell: string, mapping = {}) => {
  const variable = catalogue.variables.get(code)!;
  return convertCell(cell, variable, catalogue.listOf(variable), mapping);
};

describe("a partner's cells as answers (issue #19)", () => {
  it.each([
    ["number_of_rooms", "3", {}, { value: 3 }],
    ["land_area", "0,25", {}, { value: 0.25 }],
    ["land_area", "29", { factor: 0.01 }, { value: 0.29 }],
    ["owns_land", "Oui", {}, { value: true }],
    ["owns_land", "0", {}, { value: false }],
    ["sex", "H", { values: { H: "1", F: "2" } }, { value: "1" }],
    ["sex", "Féminin", {}, { value: "2" }],
    ["relation_to_head", "1", {}, { value: "01" }],
    ["assets", "01;03", {}, { value: ["01", "03"] }],
    ["birth_date", "17/05/1980", { dateFormat: "DD/MM/YYYY" }, { value: "1980-05-17" }],
    ["birth_date", "1980-05-17", { dateFormat: "DD/MM/YYYY" }, { value: "1980-05-17" }],
  ])("%s ← %j", (code, cell, mapping, expected) => {
    expect(convert(code, cell, mapping)).toEqual(expected);
  });

  it.each([
    ["number_of_rooms", "trois", "type"],
    ["owns_land", "peut-être", "type"],
    ["island", "Mayotte", "not_in_list"],
    ["birth_date", "31/02/1990", "format"],
  ])("%s ← %j is refused with the submissions' code %s", (code, cell, errorCode) => {
    expect(convert(code, cell, { dateFormat: "DD/MM/YYYY" })).toMatchObject({ code: errorCode });
  });

  it("dates that do not exist are refused in every format", () => {
    expect([isoDate("29/02/2023", "DD/MM/YYYY"), isoDate("20230229", "YYYYMMDD"), isoDate("02/29/2024", "MM/DD/YYYY")]).toEqual([
      null,
      null,
      "2024-02-29",
    ]);
  });

  it("suggests variables from column names and labels, each variable once, and codes from value labels", () => {
    expect(suggestColumns(["Date de naissance", "naiss", "SEXE", "v12"], { v12: "Nombre de pièces" }, demoCatalogue)).toEqual([
      { column: "Date de naissance", variable: "birth_date", score: 1 },
      { column: "SEXE", variable: "sex", score: 1 },
      { column: "v12", variable: "number_of_rooms", score: expect.any(Number) },
    ]);
    const islands = demoCatalogue.codeLists.find((l) => l.code === "island")!;
    expect(suggestValues(["Grande Comore", "Mohéli", "Mayotte"], islands)).toEqual({
      "Grande Comore": { code: "1", score: expect.any(Number) },
      Mohéli: { code: "3", score: expect.any(Number) },
    });
  });
});
