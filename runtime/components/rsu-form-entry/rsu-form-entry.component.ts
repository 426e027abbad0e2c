import "survey-core/survey-core.fontless.css";
import "survey-core/i18n/french";
import { html, LitElement, nothing, type PropertyValues } from "lit";
import { Model, type SurveyModel } from "survey-core";
import { renderSurvey, unmountComponentAtNode } from "survey-js-ui";
import type { FieldError, FormVersionBody, Message, PublishedFormSummary } from "../../../schemas/contracts/api";
import type { ReviewKind } from "../../../schemas/contracts/review";
import type { FormAnswers } from "../../../schemas/contracts/submissions";
import { getFormVersion, postSubmission } from "../../api-client";
import { ApiError } from "../../shared/request";
import { retryWhileUnavailable } from "../../shared/retry-unavailable";
import { LanguageController } from "../../shared/language.controller";
import { formCloseEvent } from "../../events/rsu-form-close";
import { sessionExpiredEvent } from "../../shared/events/rsu-session-expired";
import { getLanguage, message, pick, t } from "../../i18n";
import { locateFieldError } from "./locate-field-error";
import { renderPhase, type Phase } from "./phase-view";
import styles from "./rsu-form-entry.styles";
import { newSubmissionId } from "./submission-id";
import { waitForIntegration } from "./wait-for-integration";

/** The rule the registry names when an update was built on a household version changed meanwhile. */
const STALE_UPDATE: ReviewKind = "stale_update";

/**
 * @summary Fills one published questionnaire with SurveyJS, sends it, and follows it into the registry.
 * Renders into light DOM: SurveyJS styles are global and do not reach into a shadow root (STACK.md trap 1).
 * @event rsu-form-close - The clerk goes back to the list of questionnaires.
 */
export default class RsuFormEntry extends LitElement {
  static override properties = {
    form: { attribute: false },
    prefill: { attribute: false },
    phase: { state: true },
  };

  form?: PublishedFormSummary;
  /** Answers to start from: an update of a household (householdId, baseVersion) or a correction. */
  prefill?: Pick<FormAnswers, "data" | "householdId" | "baseVersion">;
  phase: Phase = { kind: "loading" };

  private version?: FormVersionBody;
  private model?: SurveyModel;
  /** One per filled questionnaire: a retry after a lost answer sends the same id (DESIGN.md rule 2). */
  private submissionId = newSubmissionId();
  private answers: Record<string, unknown> = {};
  private abort = new AbortController();

  constructor() {
    super();
    new LanguageController(this);
  }

  protected override createRenderRoot() {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const sheet = styles.styleSheet;
    if (sheet && !document.adoptedStyleSheets.includes(sheet)) {
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.abort.abort();
    const host = this.surveyHost;
    if (host) unmountComponentAtNode(host);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("form") && this.form) void this.load(this.form);
    if (this.model && this.model.locale !== getLanguage()) {
      this.model.locale = getLanguage();
      if (this.phase.kind === "filling") this.showInlineErrors(this.phase.fieldErrors);
    }
  }

  private get surveyHost(): HTMLElement | null {
    return this.querySelector<HTMLElement>(".rsu-entry-survey");
  }

  private async load(form: PublishedFormSummary) {
    this.phase = { kind: "loading" };
    try {
      this.version = await getFormVersion(form.id, form.version, this.abort.signal);
      this.startQuestionnaire(structuredClone(this.prefill?.data ?? {}));
    } catch (error) {
      if (this.abort.signal.aborted) return;
      this.phase = { kind: "load-failed" };
      this.reportSessionEnd(error);
    }
  }

  /** A new Model each time: reusing one across questionnaires keeps stale state (STACK.md trap 14). */
  private startQuestionnaire(data: Record<string, unknown>, fieldErrors: FieldError[] = []) {
    if (!this.version) return;
    const model = new Model(this.version.mask);
    model.locale = getLanguage();
    model.showTitle = false;
    model.showCompletedPage = false;
    // Assigning data replaces every value, the questions' defaults too: a new questionnaire keeps them
    // (defaultValue, defaultValueExpression); answers restored (an update, a correction) are kept as they were.
    if (Object.keys(data).length > 0) model.data = data;
    model.onComplete.add((sender) => this.handleComplete(sender));
    this.model = model;
    this.phase = { kind: "filling", fieldErrors };
    void this.updateComplete.then(() => {
      const host = this.surveyHost;
      if (!host || this.model !== model) return;
      renderSurvey(model, host);
      this.showInlineErrors(fieldErrors);
      this.focusFirstError(fieldErrors);
    });
  }

  private handleComplete(model: SurveyModel) {
    this.answers = model.data as Record<string, unknown>;
    void this.send();
  }

  private async send() {
    if (!this.version) return;
    this.phase = { kind: "sending" };
    const { formId, version } = this.version;
    try {
      const { householdId, baseVersion } = this.prefill ?? {};
      // An update names the household and the version it was built on: the registry applies it, or asks a
      // supervisor when someone changed the household in between.
      const target = householdId && baseVersion != null ? { householdId, baseVersion } : {};
      const submission = { id: this.submissionId, formId, version, data: this.answers, ...target };
      // A database restart or a failover answers 503 for a few seconds: sent again by itself, same id.
      const accepted = await retryWhileUnavailable(() => postSubmission(submission, this.abort.signal), {
        signal: this.abort.signal,
        onWait: (seconds) => (this.phase = { kind: "sending", retryInSeconds: seconds }),
      });
      await this.follow(accepted.id);
    } catch (error) {
      if (this.abort.signal.aborted) return;
      if (error instanceof ApiError && error.problem?.code === "submission_invalid") {
        this.startQuestionnaire(this.answers, error.fieldErrors);
      } else if (error instanceof ApiError && !error.unanswered) {
        const retryable = error.unauthenticated || error.status >= 500 || error.status === 429;
        // A proxy or a crash may answer with HTML or nothing: then a message naming the status.
        const problem = error.unauthenticated
          ? message("notSentSessionEnded")
          : (error.problem?.message ?? message("serverError", { status: error.status }));
        this.phase = { kind: "send-failed", problem, retryable };
        this.reportSessionEnd(error);
      } else {
        // No usable answer (offline, cut connection): the request may have arrived, so the retry keeps the id.
        this.phase = { kind: "send-failed", retryable: true };
      }
    }
  }

  private async follow(id: string) {
    this.phase = { kind: "waiting", id };
    const outcome = await waitForIntegration(id, this.abort.signal);
    if (!outcome || outcome.status === "received" || outcome.status === "valid") this.phase = { kind: "pending", id };
    else if (outcome.status === "needs_review") {
      this.phase = { kind: "in-review", id, stale: (outcome.reasons ?? []).some((r) => r.rule === STALE_UPDATE) };
    } else if (outcome.status === "integrated") this.phase = { kind: "integrated", id, householdId: outcome.householdId };
    else this.phase = { kind: "refused", id, status: outcome.status, errors: outcome.errors ?? [] };
  }

  /** After signing in again the clerk finds this questionnaire as it was, and retries. */
  private reportSessionEnd(error: unknown) {
    if (error instanceof ApiError && error.unauthenticated) this.dispatchEvent(sessionExpiredEvent());
  }

  /** Errors shown under their questions too; SurveyJS removes each one as soon as the answer changes. */
  private showInlineErrors(errors: FieldError[]) {
    const model = this.model;
    if (!model || !errors.length) return;
    const touched = new Set<unknown>();
    for (const error of errors) {
      const { question } = locateFieldError(model, error);
      if (!question) continue;
      if (!touched.has(question)) question.errors = [];
      touched.add(question);
      question.addError(pick(error.message));
    }
  }

  private focusFirstError(errors: FieldError[]) {
    const first = errors[0];
    if (first && this.model) locateFieldError(this.model, first).question?.focus(true);
    else if (errors.length) this.querySelector<HTMLElement>(".rsu-entry-errors")?.focus();
  }

  private handleRetry = () => void this.send();

  /** Back to the filled questionnaire; after a worker's refusal the corrected one is a new submission. */
  private handleCorrect = (errors: FieldError[], freshId: boolean) => {
    if (freshId) this.submissionId = newSubmissionId();
    this.startQuestionnaire(this.answers, errors);
  };

  private handleNew = () => {
    // A new questionnaire is a new household, whatever this one updated.
    this.prefill = undefined;
    this.submissionId = newSubmissionId();
    this.answers = {};
    this.startQuestionnaire({});
  };

  private handleBack = () => this.dispatchEvent(formCloseEvent());

  override render() {
    const title: Message | undefined = this.form?.title;
    return html`
      <div class="rsu-entry-bar">
        <button class="rsu-button secondary" @click=${this.handleBack}>← ${t("backToList")}</button>
        <h2>${title ? pick(title) : ""}</h2>
        ${this.prefill?.householdId ? html`<p class="rsu-entry-mode">${t("updatingHousehold")}</p>` : nothing}
      </div>
      <div class="rsu-entry-status" aria-live="polite">
        ${renderPhase(this.phase, {
          model: this.model,
          retryLoad: () => this.form && this.load(this.form),
          retrySend: this.handleRetry,
          correct: this.handleCorrect,
          newQuestionnaire: this.handleNew,
        })}
      </div>
      <div class="rsu-entry-survey" ?hidden=${this.phase.kind !== "filling"}></div>
    `;
  }
}
