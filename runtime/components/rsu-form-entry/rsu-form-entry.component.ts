import "survey-core/survey-core.fontless.css";
import "./survey-locales";
import { html, LitElement, nothing, type PropertyValues } from "lit";
import type { SurveyModel } from "survey-core";
import { renderSurvey, unmountComponentAtNode } from "survey-js-ui";
import type { FieldError, FormVersionBody, Message, PublishedFormSummary } from "../../../schemas/contracts/api";
import { headNameInAnswers } from "../../../schemas/contracts/registry";
import type { FormAnswers } from "../../../schemas/contracts/submissions";
import { getFormVersion } from "../../api-client";
import type { Draft, OutboxItem } from "../../offline/db";
import { onOfflineChange } from "../../offline/db";
import { moveDraftToOutbox } from "../../offline/drafts";
import { getOutboxItem } from "../../offline/outbox";
import { sendNow } from "../../offline/outbox-sender";
import { ApiError } from "../../../kit/request";
import { LanguageController } from "../../../kit/language.controller";
import { formCloseEvent } from "../../events/rsu-form-close";
import { sessionExpiredEvent } from "../../../kit/events/rsu-session-expired";
import { pick, t } from "../../i18n";
import { locateFieldError } from "./locate-field-error";
import {
  languageName,
  questionnaireLanguages,
  questionnaireLocale,
  rememberedQuestionnaireLanguage,
  rememberQuestionnaireLanguage,
} from "./questionnaire-language";
import { DraftKeeper } from "./draft-keeper";
import { fileChoosersAsButtons } from "./file-buttons";
import { showLargeRostersOneAtATime } from "./large-rosters";
import { renderPhase, type Phase } from "./phase-view";
import { buildQuestionnaireModel, takePreparedQuestionnaire, type QuestionnaireModel } from "./questionnaire-model";
import styles from "./rsu-form-entry.styles";
import { newSubmissionId } from "./submission-id";
import { TypingPause } from "./typing-pause";

/**
 * @summary Fills one published questionnaire with SurveyJS, saving each answer as a draft on the device; on
 * « Terminer » puts it in the outbox, which sends it when the link allows, and follows it into the registry.
 * Renders into light DOM: SurveyJS styles are global and do not reach into a shadow root (STACK.md trap 1).
 * @event rsu-form-close - The clerk goes back to the list of questionnaires.
 */
export default class RsuFormEntry extends LitElement {
  static override properties = {
    form: { attribute: false },
    prefill: { attribute: false },
    draft: { attribute: false },
    userId: { attribute: false },
    phase: { state: true },
  };

  form?: PublishedFormSummary;
  /** Answers to start from: an update of a household (householdId, baseVersion) or a correction. */
  prefill?: Pick<FormAnswers, "data" | "householdId" | "baseVersion">;
  /** A questionnaire saved on this device, reopened where the clerk left it. */
  draft?: Draft;
  /** Whose drafts the answers go to. */
  userId = "";
  phase: Phase = { kind: "loading" };

  private version?: FormVersionBody;
  private model?: SurveyModel;
  /** The languages the mask's texts carry (withFrenchFallback). */
  private maskLanguages: ReadonlySet<string> = new Set(["fr"]);
  /** One per filled questionnaire: a retry after a lost answer sends the same id (DESIGN.md rule 2). */
  private submissionId = newSubmissionId();
  private answers: Record<string, unknown> = {};
  private abort = new AbortController();
  /** The open questionnaire's draft on the device, and the text typed in it not yet handed to SurveyJS. */
  private draftKeeper?: DraftKeeper;
  private typingPause?: TypingPause;
  private stopWatching?: () => void;

  constructor() {
    super();
    new LanguageController(this);
  }

  protected override createRenderRoot() {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.stopWatching = onOfflineChange(() => void this.showOutboxState());
    const sheet = styles.styleSheet;
    if (sheet && !document.adoptedStyleSheets.includes(sheet)) {
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.abort.abort();
    this.stopWatching?.();
    // Back to the list: what was typed last is written before the questionnaire goes.
    void this.draftKeeper?.flush();
    this.stopKeeping();
    const host = this.surveyHost;
    if (host) unmountComponentAtNode(host);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("draft") && this.draft) {
      const { id, data, householdId, baseVersion } = this.draft;
      this.submissionId = id;
      this.prefill = { data, householdId: householdId ?? null, baseVersion: baseVersion ?? null };
    }
    if (changed.has("form") && this.form) void this.load(this.form);
    if (this.model && this.model.locale !== questionnaireLocale(this.maskLanguages)) {
      this.model.locale = questionnaireLocale(this.maskLanguages);
      if (this.phase.kind === "filling") this.showInlineErrors(this.phase.fieldErrors);
    }
  }

  private get surveyHost(): HTMLElement | null {
    return this.querySelector<HTMLElement>(".rsu-entry-survey");
  }

  private async load(form: PublishedFormSummary) {
    this.phase = { kind: "loading" };
    try {
      // Prepared while the list showed (#18): its version is already here, its model built.
      const prepared = takePreparedQuestionnaire(form);
      this.version = prepared?.version ?? (await getFormVersion(form.id, form.version, this.abort.signal));
      this.startQuestionnaire(structuredClone(this.prefill?.data ?? {}), [], this.draft?.pageNo, prepared);
    } catch (error) {
      if (this.abort.signal.aborted) return;
      this.phase = { kind: "load-failed" };
      this.reportSessionEnd(error);
    }
  }

  /**
   * A new Model each time, the prepared one used once: reusing one across questionnaires keeps stale state
   * (STACK.md trap 14).
   */
  private startQuestionnaire(data: Record<string, unknown>, fieldErrors: FieldError[] = [], pageNo = 0, prepared?: QuestionnaireModel) {
    if (!this.version) return;
    const { model, languages } = prepared ?? buildQuestionnaireModel(this.version);
    this.maskLanguages = languages;
    // Assigning data replaces every value, the questions' defaults too: a new questionnaire keeps them
    // (defaultValue, defaultValueExpression); answers restored (an update, a correction) are kept as they were.
    if (Object.keys(data).length > 0) model.data = data;
    showLargeRostersOneAtATime(model);
    fileChoosersAsButtons(model);
    // Text reaches SurveyJS when its field is left or typing pauses (TypingPause), not at every key (#18).
    model.textUpdateMode = "onBlur";
    if (pageNo > 0 && pageNo < model.visiblePageCount) model.currentPageNo = pageNo;
    this.stopKeeping();
    const keeper = new DraftKeeper(
      () => (this.phase.kind === "filling" ? this.currentDraft() : undefined),
      () => this.typingPause?.handOver(),
    );
    this.draftKeeper = keeper;
    model.onValueChanged.add(() => keeper.changed());
    model.onCurrentPageChanged.add(() => {
      keeper.changed();
      void keeper.flush();
    });
    model.onComplete.add((sender) => this.handleComplete(sender));
    this.model = model;
    this.phase = { kind: "filling", fieldErrors };
    void this.updateComplete.then(() => {
      const host = this.surveyHost;
      if (!host || this.model !== model) return;
      this.typingPause = new TypingPause(host, model);
      renderSurvey(model, host);
      this.showInlineErrors(fieldErrors);
      this.focusFirstError(fieldErrors);
    });
  }

  private handleComplete(model: SurveyModel) {
    this.answers = model.data as Record<string, unknown>;
    void this.send();
  }

  /** The draft as it stands now, for the device's store. */
  private currentDraft(): Draft | undefined {
    if (!this.form || !this.model || !this.userId) return undefined;
    const { householdId, baseVersion } = this.prefill ?? {};
    return {
      id: this.submissionId,
      userId: this.userId,
      form: this.form,
      data: this.model.data as Record<string, unknown>,
      ...(householdId && baseVersion != null ? { householdId, baseVersion } : {}),
      pageNo: this.model.currentPageNo,
      updatedAt: new Date().toISOString(),
    };
  }

  private stopKeeping() {
    this.draftKeeper?.stop();
    this.typingPause?.stop();
    this.draftKeeper = undefined;
    this.typingPause = undefined;
  }

  /** « Terminer »: the questionnaire goes to the outbox, which sends it now or when the link comes back. */
  private async send() {
    this.phase = { kind: "sending" };
    await this.draftKeeper?.flush();
    this.stopKeeping();
    const draft = this.currentDraft();
    if (!draft) return;
    draft.data = this.answers;
    await moveDraftToOutbox(draft);
    sendNow();
    await this.showOutboxState();
  }

  /** The phase follows the outbox item of this questionnaire, whichever tab sends it. */
  private async showOutboxState() {
    const watched = ["sending", "queued", "waiting"];
    if (!watched.includes(this.phase.kind)) return;
    const item = await getOutboxItem(this.submissionId);
    if (!item || !watched.includes(this.phase.kind)) return;
    this.answers = item.data;
    this.phase = phaseOf(item);
    if (item.state === "to-correct" && item.problem) {
      // Refused on arrival (422): nothing was stored, the same questionnaire is corrected and sent again.
      this.startQuestionnaire(item.data, item.fieldErrors ?? []);
    }
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
    const locale = questionnaireLocale(this.maskLanguages);
    return html`
      <div class="rsu-entry-bar">
        <button class="rsu-button secondary" @click=${this.handleBack}>← ${t("backToList")}</button>
        <h2>${title ? pick(title) : ""}</h2>
        ${this.prefill?.householdId ? html`<p class="rsu-entry-mode">${t("updatingHousehold")}</p>` : nothing}
        ${this.renderLanguagePicker()}
      </div>
      <div class="rsu-entry-status" aria-live="polite">
        ${renderPhase(this.phase, {
          model: this.model,
          retryLoad: () => this.form && this.load(this.form),
          correct: this.handleCorrect,
          newQuestionnaire: this.handleNew,
        })}
      </div>
      <div class="rsu-entry-survey" lang=${locale} dir=${locale === "ar" ? "rtl" : "ltr"} ?hidden=${this.phase.kind !== "filling"}></div>
    `;
  }

  /** Shown when the mask speaks a language the interface does not (Comorian); the choice is kept on the device. */
  private renderLanguagePicker() {
    const languages = questionnaireLanguages(this.maskLanguages);
    if (!this.model || !languages.length) return nothing;
    const chosen = rememberedQuestionnaireLanguage();
    const selected = languages.includes(chosen) ? chosen : "";
    return html`<label class="rsu-entry-language">
      ${t("questionnaireLanguage")}
      <select @change=${this.handleLanguage}>
        <option value="" ?selected=${selected === ""}>${t("questionnaireLanguageInterface")}</option>
        ${languages.map((tag) => html`<option value=${tag} ?selected=${selected === tag}>${languageName(tag)}</option>`)}
      </select>
    </label>`;
  }

  private handleLanguage = (event: Event) => {
    rememberQuestionnaireLanguage((event.target as HTMLSelectElement).value);
    // willUpdate gives the model its new locale.
    this.requestUpdate();
  };
}

function phaseOf(item: OutboxItem): Phase {
  const { id } = item;
  switch (item.state) {
    case "pending":
      return item.attempts > 0 || !navigator.onLine ? { kind: "queued", id } : { kind: "sending" };
    case "sent":
      return { kind: "waiting", id };
    case "integrated":
      return { kind: "integrated", id, householdId: item.householdResult ?? null, headName: headNameInAnswers(item.data) };
    case "in-review":
      return { kind: "in-review", id, stale: item.stale ?? false };
    case "to-correct":
      return { kind: "refused", id, status: "invalid", errors: item.fieldErrors ?? [] };
    case "rejected":
      return item.problem ? { kind: "send-failed", problem: item.problem } : { kind: "refused", id, status: "rejected", errors: [] };
  }
}
