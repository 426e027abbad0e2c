import { describe, expect, it } from "vitest";
import type { SurveyJson } from "../../schemas/compile";
import { deriveCatalogue } from "../helpers/derived-catalogue";
import { compareWithSurveyCore, verdict } from "../helpers/differential";
import { FormResponses } from "../helpers/form-responses";

/**
 * DESIGN.md rule 4 on the survey logic that the external forms use little (issue #20): required pages and
 * panels (`isRequired`, `requiredIf`, hidden, nested, inside the roster), blank answers to optional choice
 * questions, default values, and expression questions that carry values while hidden. Each form is bound
 * to the catalogue derived from it; our verdict must be survey-core's, case by case and on generated responses.
 */
const RESPONSES = 200;
const choices = (...values: string[]) => values.map((value) => ({ value, text: value }));

const household: SurveyJson = {
  pages: [
    {
      name: "identity",
      isRequired: true,
      elements: [
        { type: "text", name: "head_name" },
        { type: "dropdown", name: "status", choices: choices("a", "b", "c") },
        { type: "checkbox", name: "languages", choices: choices("fr", "ar", "sw") },
        { type: "text", name: "town", defaultValue: "Moroni" },
      ],
    },
    {
      name: "only_for_a",
      isRequired: true,
      visibleIf: "{status} = 'a'",
      elements: [
        { type: "text", name: "a_detail" },
        { type: "boolean", name: "a_flag" },
      ],
    },
    {
      name: "dwelling",
      elements: [
        {
          type: "panel",
          name: "housing",
          title: { fr: "Logement", en: "Dwelling" },
          requiredIf: "{status} = 'b'",
          elements: [
            { type: "radiogroup", name: "roof", choices: choices("metal", "straw", "concrete") },
            { type: "text", name: "rooms", inputType: "number", validators: [{ type: "numeric", minValue: 1, maxValue: 20 }] },
            {
              type: "panel",
              name: "water",
              visibleIf: "{roof} = 'metal'",
              elements: [{ type: "dropdown", name: "water_source", choices: choices("tap", "well") }],
            },
          ],
        },
        {
          type: "panel",
          name: "warning",
          isRequired: true,
          visibleIf: "{rooms} > 10",
          elements: [
            { type: "html", name: "warning_text", html: "Beaucoup de pièces", visibleIf: "{rooms} <= 15" },
            { type: "comment", name: "explanation", visibleIf: "{rooms} > 15" },
          ],
        },
        { type: "text", name: "beds", inputType: "number", defaultValueExpression: "{rooms} * 2" },
        { type: "dropdown", name: "tenure", isRequired: true, defaultValue: "owner", choices: choices("owner", "tenant") },
        { type: "expression", name: "rooms_twice", expression: "{rooms} * 2", visibleIf: "{rooms} > 3" },
      ],
    },
  ],
};

const members: SurveyJson = {
  pages: [
    {
      name: "people",
      elements: [
        {
          type: "panel",
          name: "composition",
          isRequired: true,
          elements: [
            { type: "text", name: "remark" },
            {
              type: "paneldynamic",
              name: "members",
              minPanelCount: 1,
              maxPanelCount: 5,
              templateElements: [
                {
                  type: "text",
                  name: "age",
                  inputType: "number",
                  isRequired: true,
                  validators: [{ type: "numeric", minValue: 0, maxValue: 99 }],
                },
                {
                  type: "panel",
                  name: "health",
                  isRequired: true,
                  elements: [
                    { type: "radiogroup", name: "ill", choices: choices("yes", "no") },
                    { type: "checkbox", name: "care", choices: choices("clinic", "healer"), visibleIf: "{panel.ill} = 'yes'" },
                  ],
                },
                {
                  type: "panel",
                  name: "work",
                  requiredIf: "{panel.age} >= 15",
                  elements: [
                    { type: "text", name: "occupation" },
                    { type: "dropdown", name: "sector", choices: choices("farm", "fish", "trade") },
                  ],
                },
                { type: "expression", name: "age_next_year", expression: "{panel.age} + 1", visibleIf: "{panel.age} > 50" },
              ],
            },
          ],
        },
      ],
    },
  ],
};

/** A roster survey-core counts as no answer when no member holds a key (QuestionPanelDynamicModel.isEmpty). */
const optionalMembers: SurveyJson = {
  elements: [
    {
      type: "panel",
      name: "composition",
      isRequired: true,
      elements: [{ type: "paneldynamic", name: "members", templateElements: [{ type: "text", name: "nickname" }] }],
    },
  ],
};

const valid = { head_name: "Said", tenure: "owner" };
describe("required pages and panels, blanks, defaults and computed values: survey-core's verdict", () => {
  it.each([
    ["a required page with nothing answered", household, { tenure: "owner" }, ["/head_name one_answer_required"]],
    ["a required page with one answer", household, valid, []],
    ["a required page hidden by its condition", household, { ...valid, status: "b", roof: "straw" }, []],
    ["a required page shown, nothing answered on it", household, { ...valid, status: "a" }, ["/a_detail one_answer_required"]],
    ["a required page shown, `false` answered on it", household, { ...valid, status: "a", a_flag: false }, []],
    ["a panel whose requiredIf holds, empty", household, { ...valid, status: "b" }, ["/roof one_answer_required"]],
    [
      "a panel whose requiredIf holds, answered in a nested panel",
      household,
      { ...valid, status: "b", roof: "metal", water_source: "tap" },
      [],
    ],
    ["a panel whose requiredIf does not hold", household, { ...valid, status: "c" }, []],
    ["a required panel holding only a shown html element", household, { ...valid, rooms: 12 }, [" one_answer_required"]],
    ["a required panel whose question is shown and answered", household, { ...valid, rooms: 16, explanation: "grande famille" }, []],
    ["a blank answer to an optional dropdown", household, { ...valid, status: "" }, []],
    ["a blank answer to an optional checkbox", household, { ...valid, languages: "  " }, []],
    ["a blank answer to a required dropdown with a default value", household, { head_name: "Said", tenure: "" }, ["/tenure required"]],
    ["a required dropdown with a default value, not sent", household, { head_name: "Said" }, ["/tenure required"]],
    ["a hidden expression question carrying a value", household, { ...valid, rooms: 2, rooms_twice: 99 }, []],
    ["a shown expression question carrying a wrong value", household, { ...valid, rooms: 5, rooms_twice: 99 }, []],
    ["a roster in a required panel, with an empty member only", optionalMembers, { members: [{}, {}] }, ["/members one_answer_required"]],
    ["a roster in a required panel, with one member answering", optionalMembers, { members: [{}, { nickname: "Ali" }] }, []],
    ["a required panel answered by the roster alone", members, { members: [{ age: 10, ill: "no" }] }, []],
    ["a member's required panel left empty", members, { members: [{ age: 10 }] }, ["/members/0/ill one_answer_required"]],
    ["a member's requiredIf panel, holding", members, { members: [{ age: 30, ill: "no" }] }, ["/members/0/occupation one_answer_required"]],
    ["a member's requiredIf panel, answered", members, { members: [{ age: 30, ill: "no", sector: "fish" }] }, []],
    ["a member's hidden expression carrying a value", members, { members: [{ age: 10, ill: "no", age_next_year: 3 }] }, []],
  ] as const)("%s", (_, mask, data, expected) => {
    const { ours, surveyCore } = verdict(mask, data);
    expect(ours).toEqual(expected);
    expect(surveyCore).toBe(expected.length === 0);
  });

  it.each([
    ["household", household],
    ["members", members],
  ] as const)(
    `gives survey-core's verdict on ${RESPONSES} generated responses to the %s form`,
    async (_, mask) => {
      const responses = FormResponses.generate(mask, deriveCatalogue(mask), RESPONSES, 0.6, 20261206);
      const { disagreements, refused, refusedKinds } = await compareWithSurveyCore(mask, deriveCatalogue(mask), responses);
      expect(disagreements.slice(0, 3)).toEqual([]);
      expect(refused).toBeGreaterThan(0);
      expect(refused).toBeLessThan(responses.length);
      expect(refusedKinds).toContain("empty_group");
    },
    300_000,
  );
});
