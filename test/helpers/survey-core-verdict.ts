import { Model, type Question, type QuestionPanelDynamicModel } from "survey-core";

/**
 * survey-core's own verdict on a submission, the reference the server validator is compared with:
 * what `validate(false)` accepts, minus answers survey-core would not keep (DESIGN.md rule 4). An
 * answer is refused when its question is hidden in the model (`isVisibleInSurvey`), or when survey-core
 * dropped it on loading the data (a choice filtered out is cleared by survey-core itself). An expression
 * question's value is no answer: survey-core computes it again whatever the data says, hidden or not.
 * One Model per submission: reusing one gives wrong verdicts (docs/STACK.md, trap 14). Callers running
 * many should yield (`await new Promise(setImmediate)`) between calls so that the Models' timers free them.
 */
export function surveyCoreAccepts(mask: object, data: Record<string, unknown>): boolean {
  const model = new Model(mask);
  model.data = data;
  const ok = model.validate(false) && noAnsweredHiddenQuestion(model, data);
  model.dispose();
  return ok;
}

export function noAnsweredHiddenQuestion(model: Model, data: Record<string, unknown>): boolean {
  for (const question of model.getAllQuestions(false) as Question[]) {
    // A comment or "other" text is an answer too: survey-core clears it with the question's value.
    if (!question.isVisibleInSurvey && !question.isValueEmpty(data[`${question.getValueName()}-Comment`])) return false;
    const answer = data[question.getValueName()];
    if (question.isValueEmpty(answer) || question.getType() === "expression") continue;
    if (!question.isVisibleInSurvey || question.isEmpty()) return false;
    if (question.getType() === "paneldynamic" && !noAnsweredHiddenInPanels(question as QuestionPanelDynamicModel, answer)) return false;
  }
  return true;
}

/** Each panel's answers, and those of a dynamic panel standing in a panel (plots → harvests), at any depth. */
function noAnsweredHiddenInPanels(repeat: QuestionPanelDynamicModel, answer: unknown): boolean {
  const records = Array.isArray(answer) ? (answer as Record<string, unknown>[]) : [];
  for (const [i, panel] of repeat.panels.entries()) {
    for (const inner of panel.questions as Question[]) {
      const value = records[i]?.[inner.getValueName()];
      if (inner.isValueEmpty(value) || inner.getType() === "expression") continue;
      if (!inner.isVisibleInSurvey || inner.isEmpty()) return false;
      if (inner.getType() === "paneldynamic" && !noAnsweredHiddenInPanels(inner as QuestionPanelDynamicModel, value)) return false;
    }
  }
  return true;
}
