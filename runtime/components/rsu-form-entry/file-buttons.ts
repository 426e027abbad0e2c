import type { SurveyModel } from "survey-core";

/**
 * survey-js-ui 2.3 draws a file question's « choose a file » as a focusable `<label aria-label>`, which axe
 * refuses (aria-label on an element with no role, issue #20). It acts as a button (click, Enter, Space),
 * so it is named one, now and whenever the question draws it again (after a file is added or removed).
 */
export function fileChoosersAsButtons(model: SurveyModel): void {
  model.onAfterRenderQuestion.add((_, { question, htmlElement }) => {
    if (question.getType() !== "file") return;
    const mark = () => {
      for (const button of htmlElement.querySelectorAll(".sd-file__choose-btn:not([role])")) button.setAttribute("role", "button");
    };
    mark();
    new MutationObserver(mark).observe(htmlElement, { childList: true, subtree: true });
  });
}
