import type { CodeList, Labels, Variable } from "../../../../schemas/catalogue/types";
import { MEMBERS_ROSTER } from "../../../../schemas/contracts/registry";
import { questionOf, type QuestionOptions } from "../../../../schemas/forms/question-of-variable";
import { DEMO_FORM, demoCatalogue } from "./catalogue";

/**
 * The demo questionnaire as SurveyJS JSON (survey-core 2.3.0). Every question is derived from its
 * catalogue variable (name = code, title = label, type, validators and choices from the variable and
 * its code list), so the mask cannot drift from the catalogue; only layout and logic are written here.
 *
 * Logic used, all of which survey-core 2.3.0 evaluates in Node (checked in test/unit/demo-data.test.ts):
 * - cascading areas: a `visibleIf` on each choice item (`{island} = '1'`). `choicesVisibleIf` would need
 *   a prefix test on `{item}`, and survey-core's expression language has no such operator.
 * - age conditions: survey-core's built-in `age()` function, which counts whole years up to today.
 *   Conditions only ever test a lower bound on age, so an answer given on the interview day never
 *   becomes hidden later as the person grows older.
 */

export type MaskElement = { type: string; name: string } & Record<string, unknown>;

// Type aliases rather than interfaces, so that a mask is assignable to plain JSON object types.
export type MaskPage = { name: string; title: Labels; elements: MaskElement[] };
export type HouseholdMask = { title: Labels; pages: MaskPage[] };

const variableByCode = new Map(demoCatalogue.variables.map((v) => [v.code, v]));
const listByCode = new Map(demoCatalogue.codeLists.map((l) => [l.code, l]));

function variable(code: string): Variable {
  const found = variableByCode.get(code);
  if (!found) throw new Error(`household mask: no catalogue variable "${code}"`);
  return found;
}

function codeList(code: string | undefined): CodeList {
  const found = code === undefined ? undefined : listByCode.get(code);
  if (!found) throw new Error(`household mask: no code list "${code}"`);
  return found;
}

interface Options extends QuestionOptions {
  isRequired?: boolean;
  visibleIf?: string;
}

/** One question bound to its catalogue variable, as the designer's toolbox makes it, with the demo's logic. */
function q(code: string, options: Options = {}): MaskElement {
  const v = variable(code);
  return {
    ...questionOf(v, v.codeList !== undefined ? codeList(v.codeList) : undefined, options),
    ...(options.isRequired ? { isRequired: true } : {}),
    ...(options.visibleIf ? { visibleIf: options.visibleIf } : {}),
  };
}

const required = { isRequired: true };
/** Age conditions inside the roster: `panel` refers to the member's own answers. */
const agedAtLeast = (years: number) => ({ visibleIf: `age({panel.birth_date}) >= ${years}` });

export const householdMask: HouseholdMask = {
  title: { ...DEMO_FORM.title },
  pages: [
    {
      name: "identification",
      title: { fr: "Identification du ménage", en: "Household identification" },
      elements: [
        q("island", required),
        q("prefecture", { ...required, choiceVisibleIf: (parent) => `{island} = '${parent}'` }),
        q("commune", { ...required, choiceVisibleIf: (parent) => `{prefecture} = '${parent}'` }),
        q("village", required),
        q("address"),
        q("interview_date", required),
        q("phone"),
      ],
    },
    {
      name: "logement",
      title: { fr: "Logement", en: "Dwelling" },
      elements: [
        q("dwelling_tenure", required),
        q("wall_material", required),
        q("roof_material", required),
        q("floor_material", required),
        q("water_source", required),
        q("toilet_type", required),
        q("lighting_source", required),
        q("cooking_fuel", required),
        q("number_of_rooms", required),
      ],
    },
    {
      name: "biens",
      title: { fr: "Biens et revenus", en: "Assets and income" },
      elements: [
        q("assets"),
        q("mosquito_net"),
        q("owns_land", required),
        q("land_area", { visibleIf: "{owns_land} = true" }),
        q("owns_livestock", required),
        q("goats", { visibleIf: "{owns_livestock} = true" }),
        q("cattle", { visibleIf: "{owns_livestock} = true" }),
        q("poultry", { visibleIf: "{owns_livestock} = true" }),
        q("income_sources"),
        q("monthly_expenditure"),
      ],
    },
    {
      name: "membres",
      title: { fr: "Membres du ménage", en: "Household members" },
      elements: [
        {
          type: "paneldynamic",
          name: MEMBERS_ROSTER,
          title: { fr: "Membres du ménage (le chef de ménage en premier)", en: "Household members (head of household first)" },
          minPanelCount: 1,
          maxPanelCount: 20,
          templateTitle: { fr: "Membre n° {panelIndex}", en: "Member no. {panelIndex}" },
          panelAddText: { fr: "Ajouter un membre", en: "Add a member" },
          panelRemoveText: { fr: "Retirer ce membre", en: "Remove this member" },
          templateElements: [
            q("first_name", required),
            q("last_name", required),
            q("sex", required),
            q("birth_date", required),
            q("relation_to_head", required),
            q("nin"),
            q("has_birth_certificate"),
            q("marital_status", agedAtLeast(12)),
            q("literate", agedAtLeast(6)),
            q("attends_school", agedAtLeast(3)),
            q("education_level", { visibleIf: "{panel.attends_school} = true" }),
            q("main_activity", agedAtLeast(10)),
            q("disability"),
            q("chronic_illness"),
          ],
        },
      ],
    },
  ],
};
