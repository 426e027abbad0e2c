import type { Catalogue } from "../../schemas/catalogue/types";
import { compile, createValidator, type SurveyJson } from "../../schemas/compile";
import { deriveCatalogue } from "./derived-catalogue";
import type { FormResponse } from "./form-responses";
import { surveyCoreAccepts } from "./survey-core-verdict";

interface Disagreement {
  kind: string | null;
  where: string | undefined;
  data: unknown;
  ours: string[];
  surveyCore: boolean;
}

/** Our validator's verdict and survey-core's on each response (DESIGN.md rule 4), and how many both refused. */
export async function compareWithSurveyCore(
  mask: SurveyJson,
  catalogue: Catalogue,
  responses: FormResponse[],
): Promise<{ disagreements: Disagreement[]; refused: number; refusedKinds: Set<string | null> }> {
  const validate = createValidator(compile(mask, catalogue));
  const disagreements: Disagreement[] = [];
  const refusedKinds = new Set<string | null>();
  let refused = 0;
  for (const { data, kind, where } of responses) {
    const shown = structuredClone(data);
    // survey-core first, on its own copy: our validator drops what is no answer from what it is given.
    const surveyCore = surveyCoreAccepts(mask, structuredClone(data));
    const errors = validate(data);
    if (errors.length) {
      refused++;
      refusedKinds.add(kind);
    }
    if ((errors.length === 0) !== surveyCore)
      disagreements.push({ kind, where, data: shown, ours: errors.map((e) => `${e.pointer} ${e.code}`), surveyCore });
    // Each Model schedules timers: yield so that they run and the Model can be freed (STACK.md, trap 14).
    await new Promise(setImmediate);
  }
  return { disagreements, refused, refusedKinds };
}

const validators = new Map<SurveyJson, ReturnType<typeof createValidator>>();

/** One response's verdicts, ours (its errors) and survey-core's, the form bound to the catalogue derived from it. */
export function verdict(mask: SurveyJson, data: Record<string, unknown>) {
  let validate = validators.get(mask);
  if (!validate) {
    validate = createValidator(compile(mask, deriveCatalogue(mask)));
    validators.set(mask, validate);
  }
  return {
    ours: validate(structuredClone(data)).map((e) => `${e.pointer} ${e.code}`),
    surveyCore: surveyCoreAccepts(mask, structuredClone(data)),
  };
}
