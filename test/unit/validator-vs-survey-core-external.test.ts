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
const RESPONSES = 1_000;

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
  "surveylib2017__real-medical-service.json": ["/pages/1/elements/0 unsupported_question_type"], // matrix
  "surveylib2017__survey-multilanguages.json": ["/pages/0/elements/0 unsupported_question_type"], // matrixdropdown
  "surveylib2017__trigger-setvalue.json": [],
  "surveylib2017__validators-standard.json": ["/questions/1 unsupported_question_type"], // multipletext
  "surveylib__expressionValidation_matrix_6.json": ["/elements/0 unsupported_question_type"], // matrixdropdown
  "surveylib__getOwner_calcvalues_0.json": [],
  "surveylib__jsonobject_calc_18.json": [
    "/pages/1/elements/0 unsupported_question_type", // an element without a type
    "/pages/1/elements/1/elements/0 unsupported_question_type",
    "/pages/1/elements/2 unsupported_question_type", // a dynamic panel other than the members roster
    "/pages/1/elements/3 unsupported_question_type", // matrixdynamic
    "/triggers/0 unsupported_trigger", // triggers without a type
    "/triggers/1 unsupported_trigger",
  ],
  "surveylib__paneldynamic_nested_126.json": ["/elements/0 unsupported_question_type"], // dynamic panel « relatives »
  "surveylib__paneltests_alltypes_17.json": [
    "/elements/0 unsupported_question_type", // signaturepad
    "/elements/3 type_mismatch", // inputType color
    "/elements/4 type_mismatch", // inputType email
    "/elements/5 unsupported_property", // showNoneItem
    "/elements/6 unsupported_property", // showNoneItem
    "/elements/9 unsupported_question_type", // imagepicker
    "/elements/11 unsupported_question_type", // matrix
    "/elements/12 unsupported_question_type", // matrix
    "/elements/13 unsupported_question_type", // matrixdropdown
    "/elements/14 unsupported_question_type", // matrixdynamic
    "/elements/15 unsupported_question_type", // matrixdynamic
    "/elements/16 unsupported_question_type", // matrixdynamic
    "/elements/20 unsupported_question_type", // multipletext
    "/elements/21 unsupported_question_type", // rating
    "/elements/23 unsupported_question_type", // file
  ],
  "surveylib__surveytests_locales_68.json": [
    "/pages/0/elements/0/elements/0 unsupported_question_type", // multipletext
    "/pages/0/elements/1 unknown_choice", // a choice written `val`, so with no value
    "/pages/0/elements/2 unsupported_question_type", // matrixdropdown
  ],
};

describe("the external SurveyJS forms, bound to the catalogue derived from each", () => {
  it("are compiled, or refused with every unsupported question named", () => {
    expect(fixtures.map((f) => f.file)).toEqual(Object.keys(EXPECTED).sort());
    for (const { file, mask } of fixtures) expect([file, problemsOf(mask)]).toEqual([file, EXPECTED[file]]);
  });

  const supported = fixtures.filter((f) => EXPECTED[f.file]?.length === 0);
  it.each(supported.map((f) => [f.file, f.mask] as const))(
    `%s: survey-core's verdict on ${RESPONSES} generated responses`,
    async (_, mask) => {
      const responses = FormResponses.generate(mask, deriveCatalogue(mask), RESPONSES, 0.6, 20261128);
      const { disagreements, refused } = await compareWithSurveyCore(mask, deriveCatalogue(mask), responses);
      if (disagreements.length) console.log(JSON.stringify(disagreements.slice(0, 5), null, 1));
      expect(disagreements.length).toBe(0);
      // Not a one-sided pass: the responses are both accepted and refused.
      console.log(`${_}: ${responses.length} responses, ${refused} refused by both`);
      expect(refused).toBeGreaterThan(0);
    },
    400_000,
  );
});
