import type { Catalogue, CodeList, Variable } from "../../schemas/catalogue/types";
import type { SurveyJson } from "../../schemas/compile";
import { freeVariable } from "../../schemas/compile/free-questions";
import { walkMask } from "../../schemas/compile/mask-walker";
import { isComposite, compositeParts } from "../../schemas/compile/composite-questions";

/**
 * The catalogue a SurveyJS form would have been designed from: one variable per question, named by the
 * question, of the type its question stores, with a code list made of its choices (the compiler's own
 * inference for unbound questions, schemas/compile/free-questions.ts). Lets forms written elsewhere
 * (test/fixtures/surveyjs) be compiled as bound forms, so that what the compiler refuses is
 * the form's own doing, never a missing variable. Questions of types rsu does not compile get no
 * variable: the compiler names them (unsupported_question_type). Pure: same form, same catalogue.
 */
export function deriveCatalogue(mask: SurveyJson): Catalogue {
  const variables: Variable[] = [];
  const codeLists: CodeList[] = [];
  for (const entry of walkMask(mask).questions.flatMap((q) => (isComposite(q.question) ? compositeParts(q) : [q]))) {
    const code = typeof entry.question.name === "string" ? entry.question.name : "";
    const derived = code && !variables.some((v) => v.code === code) ? freeVariable(entry, code) : undefined;
    if (!derived) continue;
    variables.push(derived.variable);
    if (derived.codeList) codeLists.push(derived.codeList);
  }
  return { variables, codeLists };
}
