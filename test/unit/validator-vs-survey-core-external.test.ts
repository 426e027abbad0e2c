import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile, CompileError, type SurveyJson } from "../../schemas/compile";
import { deriveCatalogue } from "../helpers/derived-catalogue";
import { compareWithSurveyCore } from "../helpers/differential";
import { FormResponses } from "../helpers/form-responses";

/**
 * DESIGN.md rule 4 on forms written by others: the SurveyJS forms of test/fixtures/surveyjs (copied from
 * survey-library, MIT: SOURCES.tsv there), each bound to the catalogue derived from it (test/helpers/derived-catalogue.ts). A form the compiler
 * accepts must get, on every generated response, survey-core's verdict; a form it cannot enforce must be
 * refused, naming the questions and why: never accepted with rules silently dropped.
 */
const DIR = join(__dirname, "../fixtures/surveyjs");
// 400 per form with a fixed seed: the earlier 1,000 found nothing more and cost 25 s of CI's 20 minutes.
const RESPONSES = 400;
/** Forms with matrices, whose cells the generator plants nothing in but a missing required answer or a crossed limit: fewer responses tell as much. */
const FEWER: Record<string, number> = {
  "surveylib2017__real-medical-service.json": 100,
  "surveylib2017__survey-multilanguages.json": 100,
};

/**
 * Forms with no condition, no required answer and no limit, their matrices included: every response the
 * generator makes is valid (it puts no stray choice in a cell, which survey-core lets through and we refuse).
 */
const ACCEPTS_ALL = new Set(["surveylib2017__survey-multilanguages.json"]);

const fixtures = readdirSync(DIR)
  .filter((f) => f.endsWith(".json") && !f.startsWith("_"))
  .sort()
  .map((file) => ({ file, mask: JSON.parse(readFileSync(join(DIR, file), "utf8")) as SurveyJson }));

function problemsOf(mask: SurveyJson): string[] {
  try {
    compile(mask, deriveCatalogue(mask));
    return [];
  } catch (error) {
    if (!(error instanceof CompileError)) throw error;
    return error.problems.map((p) => `${p.path} ${p.code}`);
  }
}

/** What the compiler says of each fixture: [] = compiled; otherwise each problem as `path code`. */
const EXPECTED: Record<string, string[]> = {
  "surveylib2017__condition-kids.json": [],
  "surveylib2017__real-medical-service.json": [],
  "surveylib2017__survey-multilanguages.json": [],
  "surveylib2017__trigger-setvalue.json": [],
  // A multiple text whose text items carry number validators: numeric validators apply to numbers only.
  "surveylib2017__validators-standard.json": ["/questions/1/items/0 unsupported_validator", "/questions/1/items/1 unsupported_validator"],
  // A matrixdropdown using every condition a matrix can hold: each refused, named.
  "surveylib__expressionValidation_matrix_6.json": [
    "/elements/0 unsupported_property", // detailElements
    "/elements/0/columns/0 unsupported_property", // visibleIf
    "/elements/0/columns/0 unsupported_property", // enableIf
    "/elements/0/columns/0 unsupported_property", // requiredIf
    "/elements/0/columns/0 unsupported_property", // totalExpression
    "/elements/0/columns/0 unknown_choice", // a dropdown cell without choices
    "/elements/0/columns/0 unsupported_validator", // an expression validator on a cell
    "/elements/0/rows/0 unsupported_property", // visibleIf
  ],
  "surveylib__getOwner_calcvalues_0.json": [],
  "surveylib__jsonobject_calc_18.json": [
    "/pages/1/elements/0 unsupported_question_type", // an element without a type
    "/pages/1/elements/1/elements/0 unsupported_question_type",
    "/pages/1/elements/2/templateElements/0 unsupported_question_type", // in a dynamic panel, a repeat of its own: an element without a type
    "/pages/1/elements/3 unsupported_property", // a dynamic matrix with detailElements
    "/pages/1/elements/3/columns/2 unknown_choice", // a dropdown column without choices
    "/triggers/0 unsupported_trigger", // triggers without a type
    "/triggers/1 unsupported_trigger",
  ],
  // Dynamic panel « relatives » is a repeat of its own; inside it, choices made by choicesMin/choicesMax and a dynamic matrix.
  "surveylib__paneldynamic_nested_126.json": [
    "/elements/0/templateElements/2 unsupported_property",
    "/elements/0/templateElements/2 unsupported_property",
    "/elements/0/templateElements/2 unknown_choice",
    "/elements/0/templateElements/3 unsupported_property",
    "/elements/0/templateElements/3 unsupported_property",
    "/elements/0/templateElements/6/elements/0 unsupported_question_type", // a repeat inside the repeat
  ],
  "surveylib__paneltests_alltypes_17.json": [
    "/elements/3 type_mismatch", // inputType color
    "/elements/4 type_mismatch", // inputType email
    "/elements/9 unsupported_question_type", // imagepicker
    "/elements/13 unsupported_question_type", // "matrix dropdown", a type of the form's own application
    // Two dynamic matrices compile as repeats; the third computes columns by expression.
    "/elements/16/columns/0 unsupported_property",
    "/elements/16/columns/0 unsupported_question_type",
    "/elements/16/columns/2 unsupported_property",
    "/elements/16/columns/2 unsupported_question_type",
    "/elements/16/columns/4 unsupported_property",
    "/elements/16/columns/4 unsupported_question_type",
    "/elements/21 unsupported_question_type", // rating
    "/elements/23 unsupported_property", // file: storeDataAsText false, an upload the outbox cannot carry
  ],
  "surveylib__surveytests_locales_68.json": [
    "/pages/0/elements/1 unknown_choice", // a choice written `val`, so with no value
  ],
};

describe("the external SurveyJS forms, bound to the catalogue derived from each", () => {
  it("are compiled, or refused with every unsupported question named", () => {
    expect(fixtures.map((f) => f.file)).toEqual(Object.keys(EXPECTED).sort());
    for (const { file, mask } of fixtures) expect([file, problemsOf(mask)]).toEqual([file, EXPECTED[file]]);
  });

  const supported = fixtures.filter((f) => EXPECTED[f.file]?.length === 0);
  it.each(supported.map((f) => [f.file, f.mask] as const))(
    `%s: survey-core's verdict on ${RESPONSES} generated responses (fewer for some)`,
    async (_, mask) => {
      const responses = FormResponses.generate(mask, deriveCatalogue(mask), FEWER[_] ?? RESPONSES, 0.6, 20261128);
      const { disagreements, refused } = await compareWithSurveyCore(mask, deriveCatalogue(mask), responses);
      if (disagreements.length) console.log(JSON.stringify(disagreements.slice(0, 5), null, 1));
      expect(disagreements.length).toBe(0);
      // Not a one-sided pass: the responses are both accepted and refused, but where nothing can be refused.
      console.log(`${_}: ${responses.length} responses, ${refused} refused by both`);
      expect(refused > 0).toBe(!ACCEPTS_ALL.has(_));
    },
    400_000,
  );
});
