import { describe, expect, it } from "vitest";
import { CompileError, compile, createValidator, type SurveyJson } from "../../schemas/compile";
import { registryRecord } from "../../schemas/registry/household-from-submission";
import { registryAnswers } from "../../schemas/registry/registry-answers";
import { deriveCatalogue } from "../helpers/derived-catalogue";
import { compareWithSurveyCore, verdict } from "../helpers/differential";
import { FormResponses } from "../helpers/form-responses";
import { randomResponses } from "../helpers/random-responses";
import { surveyCoreAccepts } from "../helpers/survey-core-verdict";

/**
 * DESIGN.md rule 4 on repeats other than the members roster (issue #20): a dynamic matrix (`matrixdynamic`)
 * or dynamic panel (`paneldynamic`) of the household, named after the catalogue unit its rows are records
 * of (plots, livestock), each column or question bound to a variable of that unit. Column conditions run on
 * the row (`{row.x}`); survey-core pads a matrix given fewer rows than its rowCount (none given) or
 * minRowCount and checks the padded rows; totals are computed into `<matrix>-total` and dropped.
 */
const form: SurveyJson = {
  elements: [
    { type: "boolean", name: "has_land" },
    {
      type: "matrixdynamic",
      name: "plots",
      visibleIf: "{has_land} = true",
      columns: [
        { name: "area", cellType: "text", inputType: "number", isRequired: true, validators: [{ type: "numeric", maxValue: 100 }] },
        { name: "crop", cellType: "dropdown", choices: ["maize", "rice"], visibleIf: "{row.area} > 2" },
        { name: "irrigated", cellType: "boolean", requiredIf: "{row.crop} = 'rice'", totalType: "count" },
        { name: "note", cellType: "comment", enableIf: "{row.area} < 50" },
      ],
    },
    {
      type: "paneldynamic",
      name: "livestock",
      minPanelCount: 0,
      templateElements: [
        { type: "dropdown", name: "species", isRequired: true, choices: ["cattle", "goat"] },
        { type: "text", name: "heads", inputType: "number", visibleIf: "{panel.species} = 'cattle'", isRequired: true },
      ],
    },
  ],
};

const plot = { area: 3, crop: "maize" };

describe("repeats of catalogue units: survey-core's verdict", () => {
  it.each([
    ["no land, nothing asked", {}, []],
    [
      "land and no plot: survey-core shows 2 empty rows whose area is required",
      { has_land: true },
      ["/plots/0/area required", "/plots/1/area required"],
    ],
    ["land and an empty list of plots", { has_land: true, plots: [] }, []],
    ["a small plot", { has_land: true, plots: [{ area: 1 }] }, []],
    ["a row without its required cell", { has_land: true, plots: [{ crop: "maize" }] }, ["/plots/0/area required"]],
    ["a cell shown by its row", { has_land: true, plots: [plot, { area: 2 }] }, []],
    // survey-core keeps it, even on completing: the server drops it (see the registry test below).
    ["a cell hidden by its row, answered", { has_land: true, plots: [{ area: 1, crop: "maize" }] }, []],
    ["a cell required by its row", { has_land: true, plots: [{ area: 4, crop: "rice" }] }, ["/plots/0/irrigated required"]],
    ["a cell disabled by its row is not checked", { has_land: true, plots: [{ area: 60, note: "x" }] }, []],
    ["a cell over its maximum", { has_land: true, plots: [{ area: 101 }] }, ["/plots/0/area maximum"]],
    [
      "totals computed into the data",
      { has_land: true, plots: [{ area: 4, crop: "rice", irrigated: true }], "plots-total": { irrigated: 1 } },
      [],
    ],
    ["plots of a household without land", { plots: [plot] }, ["/plots hidden_answered"]],
    ["livestock records", { livestock: [{ species: "cattle", heads: 3 }, { species: "goat" }] }, []],
    ["a record missing its shown question", { livestock: [{ species: "cattle" }] }, ["/livestock/0/heads required"]],
    ["a record answering its hidden question", { livestock: [{ species: "goat", heads: 2 }] }, ["/livestock/0/heads hidden_answered"]],
  ] as const)("%s", (_, data, expected) => {
    const { ours, surveyCore } = verdict(form, data as Record<string, unknown>);
    expect(ours).toEqual(expected);
    expect(surveyCore).toBe(expected.length === 0);
  });

  it("pads a required matrix to its minRowCount and wants that many rows answered", () => {
    const required: SurveyJson = {
      elements: [
        {
          type: "matrixdynamic",
          name: "plots",
          isRequired: true,
          rowCount: 0,
          minRowCount: 2,
          columns: [{ name: "area", cellType: "text", inputType: "number" }],
        },
      ],
    };
    for (const [data, expected] of [
      [{}, ["/plots required"]],
      [{ plots: [{ area: 1 }] }, ["/plots min_items"]],
      [{ plots: [{ area: 1 }, { area: 2 }] }, []],
    ] as const) {
      const { ours, surveyCore } = verdict(required, data as Record<string, unknown>);
      expect(ours).toEqual(expected);
      expect(surveyCore).toBe(expected.length === 0);
    }
  });

  it("drops a hidden cell's value, which survey-core keeps in the row it submits", () => {
    const data = { has_land: true, plots: [{ area: 1, crop: "maize" }, plot] };
    expect(createValidator(compile(form, deriveCatalogue(form)))(data)).toEqual([]);
    expect(data.plots).toEqual([{ area: 1 }, plot]);
  });

  it("keeps each record of a unit in the household's list of that unit, with its variables only", () => {
    const data = { has_land: true, plots: [plot], "plots-total": { irrigated: 0 }, livestock: [{ species: "goat" }] };
    const catalogue = deriveCatalogue(form);
    expect(catalogue.variables.filter((v) => v.level === "plots").map((v) => v.code)).toEqual(["area", "crop", "irrigated", "note"]);
    expect(registryAnswers(data, catalogue)).toEqual({ has_land: true, plots: [plot], livestock: [{ species: "goat" }] });
    // The household's row keeps its records, versioned with the household as its other answers are.
    expect(registryRecord(data, catalogue).household.attributes).toEqual({
      has_land: true,
      plots: [plot],
      livestock: [{ species: "goat" }],
    });
  });

  it("gives survey-core's verdict on 150 responses of the form generator, which answers every repeat's records", async () => {
    const responses = FormResponses.generate(form, deriveCatalogue(form), 150, 0.6, 20261220);
    expect(responses.some((r) => Array.isArray(r.data.plots) && r.data.plots.length > 0)).toBe(true);
    expect(responses.some((r) => Array.isArray(r.data.livestock) && r.data.livestock.length > 0)).toBe(true);
    // Planted in a record: a required cell or question emptied, a limit crossed, a hidden question answered, a stray choice in a panel (not in a matrix's cell: survey-core checks none there).
    expect(new Set(responses.filter((r) => /^(plots|livestock)\[/.test(r.where ?? "")).map((r) => r.kind))).toEqual(
      new Set(["empty_required", "out_of_range", "hidden_answered", "edge_value", "not_in_list"]),
    );
    const { disagreements, refused } = await compareWithSurveyCore(form, deriveCatalogue(form), responses);
    expect(disagreements.slice(0, 3)).toEqual([]);
    expect(refused).toBeGreaterThan(20);
  }, 180_000);

  it("gives survey-core's verdict on 60 random responses", async () => {
    const responses = randomResponses(60, 20261207, {
      has_land: [true, false, undefined],
      plots: (r) =>
        r.has_land === true
          ? [
              [plot],
              [{ area: 4, crop: "rice", irrigated: false }],
              [{ area: 4, crop: "rice" }],
              [],
              undefined,
              [{}],
              [{ area: 1 }, { area: 60, note: "n" }],
            ]
          : [undefined, undefined, []],
      livestock: [
        undefined,
        [],
        [{ species: "goat" }],
        [{ species: "cattle" }],
        [{ species: "cattle", heads: 2 }, { species: "goat" }],
        [{}],
      ],
    });
    const { disagreements, refused } = await compareWithSurveyCore(form, deriveCatalogue(form), responses);
    expect(disagreements.slice(0, 3)).toEqual([]);
    expect(refused).toBeGreaterThan(5);
    expect(refused).toBeLessThan(responses.length - 5);
  }, 180_000);
});

/**
 * A repeat inside a repeat of a unit (issue #20: plots → harvests, XLSForm's stems inside trees): each
 * record holds the list of its own sub-records. Inside the inner panel, `{panel.x}` is the sub-record's
 * answer and `{parentpanel.x}` the record's, as survey-core reads them (in lower case only: `{parentPanel.x}` reads nothing in survey-core 2.3.0, and is refused); `{x}` stays the household's.
 */
const nested: SurveyJson = {
  elements: [
    { type: "boolean", name: "has_land" },
    {
      type: "paneldynamic",
      name: "plots",
      visibleIf: "{has_land} = true",
      templateElements: [
        { type: "text", name: "area", inputType: "number", isRequired: true },
        { type: "boolean", name: "irrigated" },
        {
          type: "paneldynamic",
          name: "harvests",
          visibleIf: "{panel.area} > 1",
          templateElements: [
            { type: "dropdown", name: "crop", choices: ["maize", "rice"], isRequired: true },
            { type: "text", name: "tons", inputType: "number", visibleIf: "{panel.crop} = 'rice'" },
            { type: "boolean", name: "pumped", visibleIf: "{parentpanel.irrigated} = true and {has_land} = true" },
          ],
        },
      ],
    },
  ],
};

function refusals(mask: SurveyJson): CompileError["problems"] {
  try {
    compile(mask, deriveCatalogue(mask));
    return [];
  } catch (error) {
    if (error instanceof CompileError) return error.problems;
    throw error;
  }
}

describe("a repeat inside a repeat of a unit: survey-core's verdict", () => {
  it.each([
    [
      "a record with its sub-records",
      { has_land: true, plots: [{ area: 2, harvests: [{ crop: "rice", tons: 3 }, { crop: "maize" }] }] },
      [],
    ],
    ["a record without sub-records", { has_land: true, plots: [{ area: 2 }, { area: 3, harvests: [] }] }, []],
    [
      "a sub-record missing its required answer, in the second record",
      { has_land: true, plots: [{ area: 2 }, { area: 2, harvests: [{ crop: "maize" }, {}] }] },
      ["/plots/1/harvests/1/crop required"],
    ],
    [
      "a sub-record answering what its own answer hides",
      { has_land: true, plots: [{ area: 2, harvests: [{ crop: "maize", tons: 2 }] }] },
      ["/plots/0/harvests/0/tons hidden_answered"],
    ],
    [
      "a sub-record answering what its record shows",
      { has_land: true, plots: [{ area: 2, irrigated: true, harvests: [{ crop: "maize", pumped: false }] }] },
      [],
    ],
    [
      "a sub-record answering what its record hides",
      { has_land: true, plots: [{ area: 2, irrigated: false, harvests: [{ crop: "maize", pumped: true }] }] },
      ["/plots/0/harvests/0/pumped hidden_answered"],
    ],
    [
      "sub-records of a record that hides them",
      { has_land: true, plots: [{ area: 1, harvests: [{ crop: "maize" }] }] },
      ["/plots/0/harvests hidden_answered"],
    ],
  ] as const)("%s", (_, data, expected) => {
    const { ours, surveyCore } = verdict(nested, data as Record<string, unknown>);
    expect(ours).toEqual(expected);
    expect(surveyCore).toBe(expected.length === 0);
  });

  it("refuses {parentPanel.x} as the documentation spells it: survey-core 2.3.0 reads nothing there, the question would never show", () => {
    const camel = structuredClone(nested);
    const harvests = (camel.elements as Record<string, any>[])[1]!.templateElements[2];
    harvests.templateElements[2].visibleIf = "{parentPanel.irrigated} = true";
    expect(
      surveyCoreAccepts(camel, { has_land: true, plots: [{ area: 2, irrigated: true, harvests: [{ crop: "maize", pumped: true }] }] }),
    ).toBe(false);
    expect(refusals(camel).map((p) => [p.path, p.code, p.message.en])).toEqual([
      [
        "/elements/1/templateElements/2/templateElements/2",
        "unknown_expression_variable",
        'Condition "{parentPanel.irrigated} = true" reads {parentPanel.irrigated}: survey-core reads the outer panel only when written in lower case: write {parentpanel.irrigated}.',
      ],
    ]);
    // Where there is no outer panel, it reads nothing either.
    const top = structuredClone(nested);
    (top.elements as Record<string, any>[])[1]!.templateElements[0].visibleIf = "{parentpanel.area} > 1";
    expect(refusals(top).map((p) => p.message.en)).toEqual([
      'Condition "{parentpanel.area} > 1" reads {parentpanel.area}: {parentPanel.…} exists only inside a dynamic panel standing in another.',
    ]);
  });

  it("keeps each record's sub-records in the record, with their unit's variables only", () => {
    const catalogue = deriveCatalogue(nested);
    expect(catalogue.variables.filter((v) => v.level === "harvests").map((v) => v.code)).toEqual(["crop", "tons", "pumped"]);
    const data = {
      has_land: true,
      plots: [{ area: 2, irrigated: true, harvests: [{ crop: "rice", tons: 3, pumped: true }] }, { area: 3 }],
    };
    expect(registryRecord(data, catalogue).household.attributes).toEqual(data);
  });

  it("gives survey-core's verdict on 60 random responses", async () => {
    const harvests = [
      undefined,
      [],
      [{ crop: "maize" }],
      [{ crop: "rice", tons: 1 }],
      [{ crop: "maize", tons: 1 }],
      [{}],
      [{ crop: "rice", pumped: true }],
    ];
    const responses = randomResponses(60, 20261208, {
      has_land: [true, true, false],
      plots: (r) =>
        r.has_land === true
          ? [
              undefined,
              [],
              ...harvests.flatMap((h) => [[{ area: 2, irrigated: true, harvests: h }], [{ area: 1 }, { area: 3, harvests: h }]]),
            ]
          : [undefined, []],
    });
    const { disagreements, refused } = await compareWithSurveyCore(nested, deriveCatalogue(nested), responses);
    expect(disagreements.slice(0, 3)).toEqual([]);
    expect(refused).toBeGreaterThan(5);
    expect(refused).toBeLessThan(responses.length - 5);
  }, 180_000);
});
