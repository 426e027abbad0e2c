import { describe, expect, it } from "vitest";
import type { SurveyJson } from "../../schemas/compile";
import { registryAnswers } from "../../schemas/registry/registry-answers";
import { deriveCatalogue } from "../helpers/derived-catalogue";
import { compareWithSurveyCore, verdict } from "../helpers/differential";
import { FormResponses } from "../helpers/form-responses";
import { randomResponses } from "../helpers/random-responses";

/**
 * DESIGN.md rule 4 on matrices of dropdowns (`matrixdropdown`, issue #20): each cell is a question of its
 * column's cell type, bound to the variable `<row>_<column>`; a required column wants every row's cell
 * while the matrix is shown and enabled, answered or not; a row of empty cells is no answer. Bound to the
 * catalogue derived from the form, our verdict must be survey-core's, case by case and on random responses.
 */
const form: SurveyJson = {
  elements: [
    { type: "boolean", name: "has_livestock" },
    {
      type: "matrixdropdown",
      name: "livestock",
      visibleIf: "{has_livestock} = true",
      rows: ["cattle", { value: "goats", text: "Chèvres" }],
      choices: ["owned", "rented"],
      columns: [
        { name: "count", cellType: "text", inputType: "number", isRequired: true, validators: [{ type: "numeric", maxValue: 500 }] },
        { name: "tenure" },
        { name: "vaccinated", cellType: "boolean" },
        { name: "uses", cellType: "checkbox", choices: ["milk", "meat"] },
      ],
    },
    {
      type: "matrixdropdown",
      name: "crops",
      isRequired: true,
      cellType: "radiogroup",
      rows: ["maize", "cassava"],
      columns: [
        { name: "season", choices: ["dry", "wet"] },
        { name: "note", cellType: "comment" },
      ],
    },
  ],
};

const ok = { crops: { maize: { season: "dry" } } };
const herd = { cattle: { count: 3, tenure: "owned" }, goats: { count: 0 } };

describe("matrixdropdown: survey-core's verdict", () => {
  it.each([
    ["a hidden matrix left empty, the other answered", ok, []],
    ["a shown matrix with every required cell", { ...ok, has_livestock: true, livestock: herd }, []],
    [
      "a required column left empty in one row",
      { ...ok, has_livestock: true, livestock: { cattle: { count: 3 } } },
      ["/livestock/goats/count required"],
    ],
    [
      "a shown matrix left empty: every required cell is wanted",
      { ...ok, has_livestock: true },
      ["/livestock/cattle/count required", "/livestock/goats/count required"],
    ],
    ["a hidden matrix answered", { ...ok, livestock: herd }, ["/livestock hidden_answered"]],
    ["a hidden matrix with empty rows only", { ...ok, livestock: { cattle: {} } }, []],
    ["a required matrix whose rows are empty", { crops: { maize: {}, cassava: {} } }, ["/crops required"]],
    ["a required matrix left out", {}, ["/crops required"]],
    [
      "a cell out of its range",
      { ...ok, has_livestock: true, livestock: { ...herd, goats: { count: 501 } } },
      ["/livestock/goats/count maximum"],
    ],
    [
      "every cell type answered",
      {
        crops: { maize: { season: "wet", note: "peu" }, cassava: { note: "rien" } },
        has_livestock: true,
        livestock: { cattle: { count: 1, vaccinated: false, uses: ["milk"] }, goats: { count: 2, uses: [] } },
      },
      [],
    ],
  ] as const)("%s", (_, data, expected) => {
    const { ours, surveyCore } = verdict(form, data as Record<string, unknown>);
    expect(ours).toEqual(expected);
    expect(surveyCore).toBe(expected.length === 0);
  });

  it.each([
    [
      "a row the matrix does not have",
      { ...ok, crops: { maize: { season: "dry" }, rice: { season: "dry" } } },
      ["/crops/rice unknown_field"],
    ],
    ["a column the matrix does not have", { ...ok, crops: { maize: { season: "dry", yield: 3 } } }, ["/crops/maize/yield unknown_field"]],
    ["a choice the column does not offer", { crops: { maize: { season: "spring" } } }, ["/crops/maize/season not_in_list"]],
    // survey-core clears a cell to no value, never to an empty text.
    ["an empty text as a cell's choice", { crops: { maize: { season: "" } } }, ["/crops/maize/season not_in_list", "/crops required"]],
    ["a row that is no object", { crops: { maize: "dry" } }, ["/crops/maize type"]],
  ] as const)("refuses what the form cannot send, though survey-core lets it through: %s", (_, data, expected) => {
    expect(verdict(form, data as Record<string, unknown>).ours).toEqual(expected);
  });

  it("keeps each cell as its own variable in the registry", () => {
    const data = { ...ok, has_livestock: true, livestock: herd };
    expect(registryAnswers(data, deriveCatalogue(form))).toEqual({
      has_livestock: true,
      cattle_count: 3,
      cattle_tenure: "owned",
      goats_count: 0,
      maize_season: "dry",
    });
  });

  it("gives survey-core's verdict on 150 responses of the form generator, which answers matrices, their cells and multiple texts", async () => {
    const wider: SurveyJson = {
      elements: [
        ...(form.elements as unknown[]),
        {
          type: "matrix",
          name: "goods",
          isAllRowRequired: true,
          visibleIf: "{has_livestock} = false",
          rows: ["radio", "bike"],
          columns: ["1", "2"],
        },
        {
          type: "multipletext",
          name: "contact",
          isRequired: true,
          items: [
            { name: "phone", isRequired: true },
            { name: "village", validators: [{ type: "text", maxLength: 12 }] },
          ],
        },
      ],
    };
    const responses = FormResponses.generate(wider, deriveCatalogue(wider), 150, 0.6, 20261221);
    // Planted in a matrix or a multiple text: a required cell or item emptied, a limit crossed, a hidden matrix answered, a required matrix emptied.
    const planted = new Set(responses.filter((r) => /^(livestock|crops|goods|contact)\./.test(r.where ?? "")).map((r) => r.kind));
    for (const kind of ["empty_required", "out_of_range", "bad_text", "hidden_answered", "empty_group"] as const)
      expect([kind, planted.has(kind)]).toEqual([kind, true]);
    const { disagreements, refused } = await compareWithSurveyCore(wider, deriveCatalogue(wider), responses);
    expect(disagreements.slice(0, 3)).toEqual([]);
    expect(refused).toBeGreaterThan(20);
  }, 180_000);

  it("gives survey-core's verdict on 50 random responses", async () => {
    const responses = randomResponses(50, 20261207, {
      has_livestock: [true, false, undefined],
      livestock: (r) =>
        r.has_livestock === true
          ? [herd, { cattle: { count: 2, uses: ["meat"] } }, { goats: { count: 1, vaccinated: true } }, undefined, {}]
          : [undefined, undefined, { cattle: {} }, herd],
      crops: [
        { maize: { season: "wet" } },
        { cassava: { note: "x" } },
        { maize: {} },
        undefined,
        { maize: { season: "dry" }, cassava: { season: "wet" } },
      ],
    });
    const { disagreements, refused } = await compareWithSurveyCore(form, deriveCatalogue(form), responses);
    expect(disagreements.slice(0, 3)).toEqual([]);
    expect(refused).toBeGreaterThan(5);
    expect(refused).toBeLessThan(responses.length - 5);
  }, 180_000);
});
