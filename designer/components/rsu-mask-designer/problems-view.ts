import { html, nothing } from "lit";
import type { BindingError, DraftCheck } from "../../../schemas/contracts/forms";
import { pick, t } from "../../i18n";

/**
 * The saved draft's binding errors (they block publishing) and warnings, listed above Creator; each
 * selects its question on the design surface, where the same text shows in the question's box.
 */
export function renderProblems(check: DraftCheck, reveal: (pointer: string, question: string) => void) {
  if (!check.errors.length && !check.warnings.length) return html`<p class="muted">${t("noBindingProblem")}</p>`;
  const list = (problems: BindingError[]) => html`<ul>
    ${problems.map(
      // A problem of the whole mask (an empty one) names no question to go to.
      (p) =>
        p.question
          ? html`<li>
            <code>${p.question}</code> — ${pick(p.message)}
            <button class="link" aria-label=${t("showQuestionLabel", { code: p.question })} @click=${() => reveal(p.pointer, p.question)}>${t("showQuestion")}</button>
          </li>`
          : html`<li>${pick(p.message)}</li>`,
    )}
  </ul>`;
  return html`<div class="problems">
    ${
      check.errors.length
        ? html`<section class="status error" aria-labelledby="errors-heading">
          <h3 id="errors-heading">${t("bindingErrorsHeading", { count: check.errors.length })}</h3>
          ${list(check.errors)}
        </section>`
        : nothing
    }
    ${
      check.warnings.length
        ? html`<details class="status">
          <summary>${t("bindingWarningsHeading", { count: check.warnings.length })}</summary>
          ${list(check.warnings)}
        </details>`
        : nothing
    }
  </div>`;
}
