import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { demoCatalogue } from "../../api/db/seeders/demo/catalogue";
import { checkDraft } from "../../schemas/forms/binding-checks";
import { readXlsForm } from "../../schemas/xlsform/read-xlsform";
import { xlsFormToMask } from "../../schemas/xlsform/to-mask";

/**
 * Issue #20's measure, per form: every real XLSForm of test/fixtures/xlsform (copied from
 * ../shared/fixtures/external/xlsform, SOURCES.tsv) imported against the demo catalogue, with what the
 * import report refused (rows, by code) and what publishing would say (checkDraft, the gate of
 * POST /api/forms/:id/publish: no error = it publishes; else each error code with the questions it names).
 * A change that makes a form import or publish differently shows here, form by form. The SurveyJS forms'
 * outcomes are kept in validator-vs-survey-core-external.test.ts, with survey-core's verdicts.
 */
const FIXTURES = fileURLToPath(new URL("../fixtures/xlsform/", import.meta.url));

interface Outcome {
  /** Rows of the import report refused, counted by code. */
  refusedRows: Record<string, number>;
  /** Publish errors by code, with the questions each names; empty: the form publishes. */
  errors: Record<string, string[]>;
}

const EXPECTED: Record<string, Outcome> = {
  "odkdocs__recensement_etablissements_scolaires_24.xlsx": {
    refusedRows: { sheet_not_read: 9, column_not_used: 1, setting_not_used: 2 },
    errors: {},
  },
  // The children repeat publishes as records of a unit « children », each holding its list of cartoons (a repeat
  // in the repeat), but the questions name and age reuse the names of two household questions (one code, one
  // variable), and each cartoon's name and (in its own repeat) character are `name` again.
  "onadata__childrens_survey_sw.xlsx": {
    refusedRows: { setting_not_used: 2 },
    errors: { bound_twice: ["name", "age", "name", "name"], unknown_expression_variable: ["age", "age", "age"] },
  },
  // The workbook gives these names to two questions each.
  "onadata__grains.xlsx": {
    refusedRows: { metadata: 5, no_type: 2 },
    errors: {
      bound_twice: [
        "dola_price",
        "kifaru_price",
        "pembe_price",
        "pure_price",
        "other_price",
        "dola_rank",
        "kifaru_rank",
        "pembe_rank",
        "pure_rank",
        "other_rank",
        "kifaru_price_bale",
        "pembe_price_bale",
        "pure_price_bale",
        "other_price_bale",
        "cosmo_price_bale_bale",
        "dola_price_bale_bale",
        "equitorial_price_bale",
        "haki_price_bale",
        "hostess_price_bale",
        "jambo_price_bale",
        "jembe_price_bale",
        "jimbi_price_bale",
        "jogoo_price_bale",
        "jogoo2_price_bale",
        "kifaru_price_bale",
        "kings_price_bale",
        "maganjo_price_bale",
        "mama_price_bale",
        "maycorn_price_bale",
        "mpishi_price_bale",
        "mwanzo_price_bale",
        "pembe_price_bale",
        "pure_price_bale",
        "shujaa_price_bale",
        "soko_price_bale",
        "taifa_price_bale",
        "ugali_price_bale",
        "other_price_bale",
      ],
    },
  },
  "onadata__mali_health.xlsx": { refusedRows: {}, errors: {} },
  // Its repeats of the household (trees, stumps, subplots) publish as records of their units, each tree with its
  // list of stems (a repeat in the repeat); a stem's condition on its tree reads {parentpanel.…}.
  "pyxform__UCL_Biomass_Plot_Form.xlsx": {
    refusedRows: { metadata: 3, unsupported_type: 8, column_not_used: 3, untranslated_expression: 11, setting_not_used: 2 },
    errors: {},
  },
  "pyxform__cascading_select_test_equivalent.xls": { refusedRows: {}, errors: {} },
  "pyxform__case_insensitivity.xlsx": { refusedRows: { sheet_not_read: 3, unsupported_type: 2, setting_not_used: 1 }, errors: {} },
  "pyxform__loop.md": { refusedRows: { unsupported_loop: 1 }, errors: {} },
  // `sex` is an individual variable of the catalogue asked at household level; its other text then names it.
  "pyxform__specify_other.md": { refusedRows: {}, errors: { level_mismatch: ["sex"], unknown_expression_variable: ["sex_other"] } },
  "pyxform__widgets.xls": { refusedRows: { unsupported_type: 1, setting_not_used: 1 }, errors: {} },
  // Its repeat (repeat_test) publishes as records of a unit of that name.
  "pyxform__xlsform_spec_test.xlsx": {
    refusedRows: {
      sheet_not_read: 1,
      untranslated_expression: 1,
      column_not_used: 4,
      unsupported_type: 1,
      metadata: 6,
      setting_not_used: 6,
    },
    errors: {},
  },
};

function outcomeOf(file: string): Outcome {
  const read = readXlsForm(new Uint8Array(readFileSync(`${FIXTURES}${file}`)));
  if (!read || !("tables" in read)) throw new Error(`${file}: not read as an XLSForm`);
  const { mask, report } = xlsFormToMask(read.tables, demoCatalogue);
  const refusedRows: Record<string, number> = {};
  for (const entry of report.filter((e) => e.outcome === "refused")) refusedRows[entry.code] = (refusedRows[entry.code] ?? 0) + 1;
  const errors: Record<string, string[]> = {};
  for (const error of checkDraft(mask, demoCatalogue).errors) errors[error.code] = [...(errors[error.code] ?? []), error.question];
  return { refusedRows, errors };
}

describe("every real XLSForm: what imports, and whether it publishes", () => {
  it("has an expected outcome for each fixture", () => {
    expect(
      readdirSync(FIXTURES)
        .filter((f) => !f.endsWith(".tsv"))
        .sort(),
    ).toEqual(Object.keys(EXPECTED).sort());
  });

  // Large workbooks (grains: 300 rows of prices) take seconds on a loaded machine.
  it.each(Object.keys(EXPECTED))(
    "%s",
    (file) => {
      expect(outcomeOf(file)).toEqual(EXPECTED[file]);
    },
    30_000,
  );

  it("publishes 8 of the 11 forms", () => {
    expect(Object.values(EXPECTED).filter((o) => Object.keys(o.errors).length === 0)).toHaveLength(8);
  });
});
