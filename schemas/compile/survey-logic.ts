import { nonEmpty, problem, type MaskQuestion, type WalkResult } from "./mask-walker";
import type { CompileProblem, SurveyJson } from "./types";

/** Keys survey-core computes into a submission's data, by where they stand (`household`, or a repeat's name). */
export type ComputedKeys = Record<string, string[]>;

/** Where survey-core writes a matrix's totals, beside its answer (settings.matrix.totalsSuffix). */
const TOTALS_SUFFIX = "-total";

/**
 * Values the form computes rather than asks: expression questions, and calculated values included into
 * the result. survey-core recomputes them whatever the data says (a submitted `total: 99` is overwritten
 * and accepted), so refusing or checking them would not give survey-core's verdict; and they are no
 * variable, so the registry must not keep them either. They are therefore listed in the schema and
 * dropped by the validator before it checks the answers: same verdict, clean registry. An expression
 * that should reach the registry is a catalogue variable asked as a question, not a display element.
 * Conditions may not read them (condition-checks.ts): the server would have to recompute them.
 */
export function computedKeys(
  mask: SurveyJson,
  walked: WalkResult,
  bound: { scope: MaskQuestion["scope"]; variable: { code: string } }[],
): { keys: ComputedKeys; problems: CompileProblem[] } {
  const problems: CompileProblem[] = [];
  const keys: ComputedKeys = { household: [] };
  const answered = new Map<string, Set<string>>();
  for (const b of bound) {
    if (!answered.has(b.scope)) answered.set(b.scope, new Set());
    answered.get(b.scope)!.add(b.variable.code.toLowerCase());
  }
  const add = (scope: MaskQuestion["scope"], name: string, path: string, element: Record<string, unknown>) => {
    keys[scope] ??= [];
    // survey-core would write the computed value over the clerk's answer of the same name.
    if (answered.get(scope)?.has(name.toLowerCase())) {
      problems.push(
        problem(
          path,
          element,
          "duplicate_binding",
          `« ${name} » est à la fois une valeur calculée et une question liée à une variable.`,
          `"${name}" is both a computed value and a question bound to a variable.`,
        ),
      );
    } else if (!keys[scope]!.includes(name)) keys[scope]!.push(name);
  };
  for (const [scope, computed] of Object.entries(walked.computed))
    for (const c of computed) add(scope, String(c.question.name), c.path, c.question);
  // A dynamic matrix's totals (a column's totalType or totalExpression) are computed by survey-core into the household's data.
  for (const repeat of walked.repeats) {
    const columns = Array.isArray(repeat.question.columns) ? (repeat.question.columns as Record<string, unknown>[]) : [];
    const totals = columns.some((c) => c && ((c.totalType !== undefined && c.totalType !== "none") || nonEmpty(c.totalExpression)));
    if (totals) add("household", `${String(repeat.question.name)}${TOTALS_SUFFIX}`, repeat.path, repeat.question);
  }
  const calculated = Array.isArray(mask.calculatedValues) ? mask.calculatedValues : [];
  calculated.forEach((value, i) => {
    const name = value && typeof value === "object" ? nonEmpty((value as { name?: unknown }).name) : undefined;
    if (!name) return;
    walked.displayOnly.add(name.toLowerCase());
    add("household", name, `/calculatedValues/${i}`, value as Record<string, unknown>);
  });
  return { keys, problems };
}

/**
 * Triggers that only write answers (setvalue, copyvalue, runexpression) change nothing the server has to
 * know: the clerk may still change what they wrote, and the answer submitted is checked like any other;
 * survey-core itself does not run them when it loads data. They must write into a bound question (or a
 * survey variable, `isVariable`, which never reaches the data), else the runtime would submit a key the
 * schema refuses. Triggers that end the survey, skip pages or show questions (complete, skip, visible)
 * change which questions are asked in ways the compiled rules do not model: refused.
 */
export function checkTriggers(mask: SurveyJson, householdAnswers: Set<string>): CompileProblem[] {
  const problems: CompileProblem[] = [];
  const triggers = Array.isArray(mask.triggers) ? mask.triggers : [];
  triggers.forEach((trigger, i) => {
    if (!trigger || typeof trigger !== "object") return;
    const t = trigger as Record<string, unknown>;
    const path = `/triggers/${i}`;
    const type = String(t.type ?? "")
      .toLowerCase()
      .replace(/trigger$/, "");
    const target = nonEmpty(t.setToName);
    const named = (name: string | undefined) => (name ? { name } : {});
    if (!WRITING_TRIGGERS.has(type)) {
      problems.push({
        path,
        ...named(nonEmpty(t.name)),
        code: "unsupported_trigger",
        message: {
          fr: `Le déclencheur « ${type || "?"} » n'est pas pris en charge par rsu (seuls setvalue, copyvalue et runexpression le sont) : il change les questions posées d'une façon que le serveur ne peut pas vérifier.`,
          en: `Trigger "${type || "?"}" is not supported by rsu (only setvalue, copyvalue and runexpression are): it changes which questions are asked in a way the server cannot check.`,
        },
      });
      return;
    }
    if (!target || (type === "setvalue" && t.isVariable === true) || householdAnswers.has(target.toLowerCase())) return;
    problems.push({
      path,
      name: target,
      code: "unsupported_trigger",
      message: {
        fr: `Le déclencheur « ${type} » écrit « ${target} », qui n'est aucune question liée à une variable du ménage : cette valeur serait refusée à l'envoi.`,
        en: `Trigger "${type}" writes "${target}", which is no question bound to a household variable: the value would be refused on submission.`,
      },
    });
  });
  return problems;
}

const WRITING_TRIGGERS = new Set(["setvalue", "copyvalue", "runexpression"]);
