import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { demoCatalogue } from "../api/db/seeders/demo/catalogue";
import { householdMask } from "../api/db/seeders/demo/household-mask";
import type { Catalogue } from "../schemas/catalogue/types";
import { compile, CompileError, type SurveyJson } from "../schemas/compile";
import { walkMask } from "../schemas/compile/mask-walker";
import { deriveCatalogue } from "../test/helpers/derived-catalogue";
import { generateResponses } from "../test/helpers/demo-responses";
import { FormResponses } from "../test/helpers/form-responses";

/** A response and whether it was broken on purpose (one way each), for the report's counts. */
export interface BenchResponse {
  data: Record<string, unknown>;
  broken: boolean;
}

/** A form the validation bench runs: its mask, its catalogue, and how its responses are generated. */
export interface BenchForm {
  name: string;
  mask: SurveyJson;
  catalogue: Catalogue;
  generate(count: number, invalid: number, seed: number): BenchResponse[];
}

const EXTERNAL = join(import.meta.dirname, "../test/fixtures/surveyjs");

/** The demo household mask: what the Comoros' clerks fill, with its roster of members. */
const demo: BenchForm = {
  name: "demo",
  mask: householdMask,
  catalogue: demoCatalogue,
  generate: (count, invalid, seed) =>
    generateResponses(count, invalid, seed).map((r) => ({ data: r.data, broken: r.intendedInvalid !== null })),
};

/**
 * The SurveyJS forms of test/fixtures/surveyjs that rsu compiles, each bound to the
 * catalogue derived from it (as the differential test does); forms the compiler refuses are skipped
 * by name, with the reason, so that the report says what it left out.
 */
export function externalForms(): { forms: BenchForm[]; refused: string[] } {
  const forms: BenchForm[] = [];
  const refused: string[] = [];
  for (const file of readdirSync(EXTERNAL)
    .filter((f) => f.endsWith(".json") && !f.startsWith("_"))
    .sort()) {
    const mask = JSON.parse(readFileSync(join(EXTERNAL, file), "utf8")) as SurveyJson;
    const catalogue = deriveCatalogue(mask);
    try {
      compile(mask, catalogue);
    } catch (error) {
      if (!(error instanceof CompileError)) throw error;
      refused.push(`${file} (${[...new Set(error.problems.map((p) => p.code))].join(", ")})`);
      continue;
    }
    forms.push({
      name: file.replace(/\.json$/, ""),
      mask,
      catalogue,
      generate: (count, invalid, seed) =>
        FormResponses.generate(mask, catalogue, count, invalid, seed).map((r) => ({ data: r.data, broken: r.kind !== null })),
    });
  }
  return { forms, refused };
}

/** Every form the bench knows, by name; `--form` picks among them. */
export function benchForms(): { forms: BenchForm[]; refused: string[] } {
  const external = externalForms();
  return { forms: [demo, ...external.forms], refused: external.refused };
}

/** Questions a mask asks (the roster's counted once), to tell the largest form. */
export function questionCount(form: BenchForm): number {
  return walkMask(form.mask).questions.length;
}
