import { describe, expect, it } from "vitest";
import type { SurveyJson } from "../../schemas/compile";
import { deriveCatalogue } from "../helpers/derived-catalogue";
import { compareWithSurveyCore, verdict } from "../helpers/differential";
import { FormResponses } from "../helpers/form-responses";

/**
 * DESIGN.md rule 4 on SurveyJS features real forms use that the compiler once refused (issue #20):
 * calculated values and expression questions read by conditions (XLSForm `calculate` becomes the latter),
 * `minSelectedChoices`, regex validators on numbers.
 * Each form is bound to the catalogue derived from it; our verdict must be survey-core's, case by case
 * and on generated responses.
 */
const RESPONSES = 80;
const choices = (...values: string[]) => values.map((value) => ({ value, text: value }));
const number = (name: string, extra: Record<string, unknown> = {}) => ({ type: "text", inputType: "number", name, ...extra });

const computedForm: SurveyJson = {
  calculatedValues: [
    // Reads a value declared after it, and one computed by an expression question: survey-core resolves both.
    { name: "Crowded", expression: "{persons} > {rooms} * 2" },
    { name: "big", expression: "{adults_x2} + {children} > 6" },
    { name: "adults_x2", expression: "{adults} * 2", includeIntoResult: true },
  ],
  elements: [
    number("adults", { isRequired: true, validators: [{ type: "numeric", minValue: 0, maxValue: 6 }] }),
    number("children", { validators: [{ type: "numeric", minValue: 0, maxValue: 6 }] }),
    number("rooms", { validators: [{ type: "numeric", minValue: 1, maxValue: 5 }] }),
    { type: "expression", name: "persons", expression: "{adults} + {children}", visible: false },
    { type: "expression", name: "ratio", expression: "{persons} / {rooms}", precision: 1 },
    { type: "comment", name: "why_big", visibleIf: "{big} = true", isRequired: true },
    { type: "dropdown", name: "overcrowding", requiredIf: "{crowded}", choices: choices("tolerated", "temporary") },
    { type: "text", name: "ratio_note", visibleIf: "{ratio} >= 1.5", validators: [{ type: "expression", expression: "{ratio} < 4" }] },
    {
      type: "paneldynamic",
      name: "members",
      maxPanelCount: 4,
      templateElements: [
        { type: "text", name: "nickname", isRequired: true },
        { type: "radiogroup", name: "school", visibleIf: "{big}", choices: choices("yes", "no") },
      ],
    },
  ],
};

const counted: SurveyJson = {
  elements: [
    { type: "checkbox", name: "assets", minSelectedChoices: 2, maxSelectedChoices: 3, choices: choices("a", "b", "c", "d") },
    { type: "tagbox", name: "needs", minSelectedChoices: 1, visibleIf: "{assets} contains 'a'", choices: choices("x", "y") },
    number("area_code", { validators: [{ type: "regex", regex: "^2[0-9]{2}$" }] }),
    number("weight", { validators: [{ type: "regex", regex: "^[0-9]+(\\.[0-9])?$" }] }),
  ],
};

describe("calculated values, minSelectedChoices, regex validators on numbers: survey-core's verdict", () => {
  it.each([
    ["a small household", computedForm, { adults: 2, children: 1, rooms: 2 }, []],
    ["a big household, its reason missing", computedForm, { adults: 3, children: 1, rooms: 2 }, ["/why_big required"]],
    ["a big household with its reason", computedForm, { adults: 3, children: 1, rooms: 2, why_big: "famille" }, []],
    ["a reason given for a small household", computedForm, { adults: 1, rooms: 1, why_big: "famille" }, ["/why_big hidden_answered"]],
    [
      "a crowded dwelling (requiredIf on a calculated value named in capitals)",
      computedForm,
      { adults: 2, children: 3, rooms: 2, why_big: "x" },
      ["/overcrowding required"],
    ],
    ["a ratio of 1.5 after rounding shows the note", computedForm, { adults: 2, children: 1, rooms: 2, ratio_note: "ok" }, []],
    [
      "a ratio below 1.5 hides the note",
      computedForm,
      { adults: 1, children: 1, rooms: 2, ratio_note: "non" },
      ["/ratio_note hidden_answered"],
    ],
    [
      "an expression validator on a computed ratio",
      computedForm,
      { adults: 2, children: 2, rooms: 1, overcrowding: "temporary" },
      ["/ratio_note expression"],
    ],
    [
      "submitted computed values are recomputed, not trusted",
      computedForm,
      { adults: 1, rooms: 1, big: true, persons: 12, ratio: 9, why_big: "x" },
      ["/why_big hidden_answered"],
    ],
    [
      "a member question shown by a household calculated value",
      computedForm,
      { adults: 4, rooms: 4, why_big: "x", members: [{ nickname: "Ali", school: "yes" }] },
      [],
    ],
    [
      "a member question hidden by a household calculated value",
      computedForm,
      { adults: 1, rooms: 1, members: [{ nickname: "Ali", school: "yes" }] },
      ["/members/0/school hidden_answered"],
    ],
    ["enough choices", counted, { assets: ["a", "b"], needs: ["x"] }, []],
    ["no choice where two are wanted, answer or not", counted, {}, ["/assets min_selected"]],
    ["one choice where two are wanted", counted, { assets: ["b"] }, ["/assets min_selected"]],
    ["a shown tagbox wanting one choice, left empty", counted, { assets: ["a", "b"] }, ["/needs min_selected"]],
    ["a number matching its pattern", counted, { assets: ["b", "c"], area_code: 269, weight: 12.5 }, []],
    ["a number not matching its pattern", counted, { assets: ["b", "c"], area_code: 2690 }, ["/area_code pattern"]],
    ["a decimal with too many digits for its pattern", counted, { assets: ["b", "c"], weight: 12.25 }, ["/weight pattern"]],
  ] as const)("%s", (_, mask, data, expected) => {
    const { ours, surveyCore } = verdict(mask, data);
    expect(ours).toEqual(expected);
    expect(surveyCore).toBe(expected.length === 0);
  });

  it(`gives survey-core's verdict on ${RESPONSES} generated responses`, async () => {
    const responses = FormResponses.generate(computedForm, deriveCatalogue(computedForm), RESPONSES, 0.6, 20261207);
    const { disagreements, refused } = await compareWithSurveyCore(computedForm, deriveCatalogue(computedForm), responses);
    expect(disagreements.slice(0, 3)).toEqual([]);
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThan(responses.length);
  }, 120_000);
});
