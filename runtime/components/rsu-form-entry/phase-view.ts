import { html, nothing } from "lit";
import type { SurveyModel } from "survey-core";
import type { FieldError, Message } from "../../../schemas/contracts/api";
import { pick, t } from "../../i18n";
import { locateFieldError } from "./locate-field-error";

/** Where a questionnaire stands, from loading its mask to its household in the registry. */
export type Phase =
  | { kind: "loading" }
  | { kind: "load-failed" }
  | { kind: "filling"; fieldErrors: FieldError[] }
  /** `retryInSeconds`: the server was unavailable, the next try comes by itself. */
  | { kind: "sending"; retryInSeconds?: number }
  /** In the outbox: no link for now, it leaves by itself when the link comes back. */
  | { kind: "queued"; id: string }
  /** The server refused it on arrival (a 4xx other than field errors), for the reason it gave. */
  | { kind: "send-failed"; problem: Message }
  | { kind: "waiting"; id: string }
  /** `headName`: the head as the clerk entered them, to name the household rather than show its id (#21). */
  | { kind: "integrated"; id: string; householdId: string | null; headName: string | null }
  | { kind: "pending"; id: string }
  /**
   * Waits for a supervisor's decision, nothing for the clerk to correct: a possible duplicate, or an update
   * built on a version of the household that another submission changed meanwhile (`stale`).
   */
  | { kind: "in-review"; id: string; stale: boolean }
  | { kind: "refused"; id: string; status: "invalid" | "rejected"; errors: FieldError[] };

export interface PhaseActions {
  model?: SurveyModel;
  retryLoad(): void;
  correct(errors: FieldError[], freshId: boolean): void;
  newQuestionnaire(): void;
}

/** The status box above the questionnaire. */
export function renderPhase(phase: Phase, actions: PhaseActions) {
  switch (phase.kind) {
    case "loading":
      return html`<p class="rsu-status" role="status">${t("formLoading")}</p>`;
    case "load-failed":
      return html`<div class="rsu-status error" role="alert">
        <p>${t("formFailed")}</p>
        <button class="rsu-button" @click=${actions.retryLoad}>${t("retry")}</button>
      </div>`;
    case "filling":
      if (!phase.fieldErrors.length) return nothing;
      return html`<div class="rsu-status error rsu-entry-errors" role="alert" tabindex="-1">
        <h3>${t("fieldErrorsHeading")}</h3>
        <p>${t("fieldErrorsIntro")}</p>
        ${renderFieldErrors(phase.fieldErrors, actions.model, true)}
      </div>`;
    case "sending":
      return html`<p class="rsu-status busy" role="status">
        ${phase.retryInSeconds === undefined ? t("sending") : t("sendingRetry", { seconds: phase.retryInSeconds })}
      </p>`;
    case "queued":
      return html`<div class="rsu-status" role="status">
        <p>${t("queuedOffline")}</p>
        <p class="rsu-ref">${t("submissionRef", { id: phase.id })}</p>
        <button class="rsu-button" @click=${actions.newQuestionnaire}>${t("newQuestionnaire")}</button>
      </div>`;
    case "send-failed":
      return html`<div class="rsu-status error" role="alert">
        <p>${pick(phase.problem)}</p>
        <div class="rsu-actions">
          <button class="rsu-button secondary" @click=${() => actions.correct([], true)}>${t("correct")}</button>
        </div>
      </div>`;
    case "waiting":
      return html`<div class="rsu-status busy" role="status">
        <p>${t("accepted")}</p>
        <p class="rsu-ref">${t("submissionRef", { id: phase.id })}</p>
      </div>`;
    case "integrated":
      return html`<div class="rsu-status success" role="status">
        <h3>${t("integrated")}</h3>
        ${phase.householdId ? renderHousehold(phase.householdId, phase.headName) : nothing}
        <p class="rsu-ref">${t("submissionRef", { id: phase.id })}</p>
        <button class="rsu-button" @click=${actions.newQuestionnaire}>${t("newQuestionnaire")}</button>
      </div>`;
    case "pending":
    case "in-review":
      return html`<div class="rsu-status" role="status">
        <p>${t(phase.kind === "pending" ? "stillPending" : phase.stale ? "staleUpdate" : "inReview")}</p>
        <p class="rsu-ref">${t("submissionRef", { id: phase.id })}</p>
        <button class="rsu-button" @click=${actions.newQuestionnaire}>${t("newQuestionnaire")}</button>
      </div>`;
    case "refused":
      return html`<div class="rsu-status error" role="alert">
        <p>${t(phase.status === "invalid" ? "refusedInvalid" : "refusedRejected")}</p>
        ${renderFieldErrors(phase.errors, actions.model, false)}
        <p class="rsu-ref">${t("submissionRef", { id: phase.id })}</p>
        <div class="rsu-actions">
          ${
            phase.status === "invalid"
              ? html`<button class="rsu-button" @click=${() => actions.correct(phase.errors, true)}>${t("correct")}</button>`
              : nothing
          }
          <button class="rsu-button secondary" @click=${actions.newQuestionnaire}>${t("newQuestionnaire")}</button>
        </div>
      </div>`;
  }
}

/**
 * The household by its head's name and a short reference a clerk can read out on the phone; the whole id on
 * hover and, since tablets have no hover, in a fold to select and copy (#21).
 */
function renderHousehold(id: string, headName: string | null) {
  return html`${headName ? html`<p class="rsu-household">${t("householdOf", { name: headName })}</p>` : nothing}
    <p>${t("householdRef")}${t("colon")} <span class="rsu-short-ref" title=${id}>${id.slice(0, 8)}</span></p>
    <details class="rsu-ref">
      <summary>${t("householdFullId")}</summary>
      <code>${id}</code>
    </details>`;
}

function renderFieldErrors(errors: FieldError[], model: SurveyModel | undefined, withLinks: boolean) {
  if (!errors.length) return nothing;
  return html`<ul class="rsu-field-errors">
    ${errors.map((error) => {
      const { label, question } = model ? locateFieldError(model, error) : { label: error.pointer, question: undefined };
      return html`<li>
        <strong>${label}</strong>${t("colon")} ${pick(error.message)}
        ${
          withLinks && question
            ? html`<button class="rsu-link" @click=${() => question.focus(true)}>${t("goToQuestion")}</button>`
            : nothing
        }
      </li>`;
    })}
  </ul>`;
}
