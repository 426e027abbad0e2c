import { Model, type SurveyModel } from "survey-core";
import type { FormVersionBody, PublishedFormSummary } from "../../../schemas/contracts/api";
import { getFormVersion } from "../../api-client";
import { message, t } from "../../i18n";
import { withFrenchFallback } from "./mask-languages";
import { questionnaireLocale } from "./questionnaire-language";

/** A questionnaire's SurveyJS model before any answer, with the languages its mask's texts carry. */
export interface QuestionnaireModel {
  model: SurveyModel;
  languages: ReadonlySet<string>;
}

interface PreparedQuestionnaire extends QuestionnaireModel {
  version: FormVersionBody;
}

/**
 * Beyond the first few questionnaires of the list, the clerk's choice is built when made: each prepared
 * model holds the whole mask in memory.
 */
const PREPARED_AT_MOST = 3;

/** Told once a questionnaire is ready (DevTools' timings show it; the browser tests wait for it). */
export const PREPARED_MARK = "rsu-questionnaire-prepared";

const prepared = new Map<string, PreparedQuestionnaire>();
const preparing = new Set<string>();
const keyOf = (form: Pick<PublishedFormSummary, "id" | "version">) => `${form.id}@${form.version}`;

/**
 * Builds the list's questionnaires in idle time, so that « Remplir » finds one ready: on a repeat visit,
 * building SurveyJS's model of the demo mask took 160-440 ms after the tap, the largest part of the wait for
 * the first question, and fetching its version from the service worker 10-70 ms more (#18).
 */
export function prepareQuestionnaires(forms: readonly PublishedFormSummary[]): void {
  const listed = forms.slice(0, PREPARED_AT_MOST);
  const wanted = new Set(listed.map(keyOf));
  for (const key of prepared.keys()) if (!wanted.has(key)) prepared.delete(key);
  for (const form of listed) {
    const key = keyOf(form);
    if (prepared.has(key) || preparing.has(key)) continue;
    preparing.add(key);
    getFormVersion(form.id, form.version).then(
      (version) =>
        whenIdle(() => {
          // Opened meanwhile: that questionnaire built its own.
          if (!preparing.delete(key)) return;
          prepared.set(key, { version, ...buildQuestionnaireModel(version) });
          performance.mark(PREPARED_MARK, { detail: key });
        }),
      () => preparing.delete(key),
    );
  }
}

/**
 * The questionnaire prepared for `form`, if any, given once: a model is never shared by two questionnaires
 * (STACK.md trap 14).
 */
export function takePreparedQuestionnaire(form: Pick<PublishedFormSummary, "id" | "version">): PreparedQuestionnaire | undefined {
  const key = keyOf(form);
  preparing.delete(key);
  const ready = prepared.get(key);
  prepared.delete(key);
  if (!ready) return undefined;
  // The interface's language may have changed since.
  const locale = questionnaireLocale(ready.languages);
  if (ready.model.locale !== locale) ready.model.locale = locale;
  return ready;
}

/** A new model of the version's mask, set up as the runtime shows every questionnaire. */
export function buildQuestionnaireModel(version: FormVersionBody): QuestionnaireModel {
  const { mask, languages } = withFrenchFallback(version.mask);
  const model = new Model(mask);
  model.locale = questionnaireLocale(languages);
  model.showTitle = false;
  model.showCompletedPage = false;
  // « Page 2 sur 4 » above the questions: a clerk on a small screen knows how far they are.
  model.showProgressBar = "top";
  model.progressBarType = "pages";
  explainPatterns(model);
  return { model, languages };
}

/** Runs `task` when the page has nothing else to do, so a tap on the list is never held behind it. */
function whenIdle(task: () => void): void {
  if ("requestIdleCallback" in window) requestIdleCallback(task, { timeout: 2_000 });
  else setTimeout(task, 0);
}

/**
 * A pattern (a phone number's digits) fails with an empty message unless the mask gives one: each
 * pattern validator without a text gets ours, in every language the runtime speaks (#18).
 */
function explainPatterns(model: SurveyModel) {
  const text = message("patternMismatch");
  const arabic = t("patternMismatch", {}, "ar");
  for (const question of model.getAllQuestions(false, true, true)) {
    for (const validator of question.validators) {
      if (validator.getType() !== "regexvalidator" || validator.text) continue;
      validator.locText.setLocaleText("fr", text.fr);
      validator.locText.setLocaleText("en", text.en);
      validator.locText.setLocaleText("ar", arabic);
    }
  }
}
