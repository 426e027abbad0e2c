import { html, nothing } from "lit";
import type { FieldError, PublishedFormSummary } from "../../../schemas/contracts/api";
import {
  SUBMISSION_STAGES,
  type SubmissionListItem,
  type SubmissionPage,
  type SubmissionStage,
} from "../../../schemas/contracts/submissions";
import { getFormVersion, getSubmissionAnswers, listMySubmissions, listPublishedForms } from "../../api-client";
import { PagedTable, pagedTableStyles, type TableColumn } from "../../../kit/paged-table";
import { PagedScreen } from "../../../kit/loading-screen";
import { renderLoadFailure } from "../../../kit/load-failure-view";
import { formatDateTime, pick, t } from "../../i18n";
import { sharedStyles } from "../../styles/shared.styles";
import { AnswersOpener } from "../answers-opener.controller";
import { fieldLabels, type FieldLabels } from "./field-labels";
import tableLayout from "../rsu-area-households/rsu-area-households.styles";
import styles from "./rsu-my-submissions.styles";

const PAGE_SIZE = 20;

/** Stages after which the next move is the clerk's: correct and send again (a new submission). */
const TO_CORRECT = new Set<SubmissionStage>(["invalid", "rejected", "returned"]);

/**
 * @summary « Mes envois »: the questionnaires the clerk sent, newest first, each with its household, its
 * stage in words, why it stopped (rules, and the answers to correct named by their questions) and the
 * supervisor's comment when it was sent back; those refused or sent back open again prefilled, to be
 * corrected and sent as a new submission.
 * @event rsu-answers-open - A submission's answers to open prefilled, for a correction.
 * @event rsu-session-expired - The API answered 401.
 */
export default class RsuMySubmissions extends PagedScreen<SubmissionPage> {
  static override styles = [sharedStyles, pagedTableStyles, tableLayout, styles];
  static override properties = {
    page: { state: true },
    forms: { state: true },
    labels: { state: true },
  };

  /** Published forms, for their titles; ids are shown until they arrive. */
  forms: PublishedFormSummary[] = [];
  /** Question titles of each form version with refused answers on the page ("menage@1"). */
  labels = new Map<string, FieldLabels>();

  protected readonly table = new PagedTable(this, PAGE_SIZE, () => void this.load());
  private stage?: SubmissionStage;
  private readonly opener = new AnswersOpener(this);

  override connectedCallback(): void {
    super.connectedCallback();
    listPublishedForms()
      .then((forms) => (this.forms = forms))
      .catch(() => {});
  }

  protected async fetchPage(limit: number, offset: number, signal: AbortSignal) {
    const page = await listMySubmissions({ stage: this.stage, limit, offset }, signal);
    void this.loadLabels(page.items);
    return page;
  }

  /** Errors are named by their questions once the masks arrive; by their pointers meanwhile. */
  private async loadLabels(items: SubmissionListItem[]) {
    const missing = new Set(
      items
        .filter((s) => s.errors?.length)
        .map((s) => `${s.formId}@${s.version}`)
        .filter((key) => !this.labels.has(key)),
    );
    for (const key of missing) {
      const [formId, version] = key.split("@") as [string, string];
      try {
        const body = await getFormVersion(formId, Number(version));
        this.labels = new Map(this.labels).set(key, fieldLabels(body.mask));
      } catch {
        // The pointer stays readable enough; the questionnaire itself names the question on « Corriger ».
      }
    }
  }

  private handleStage(event: Event) {
    const value = (event.target as HTMLSelectElement).value;
    this.stage = value ? (value as SubmissionStage) : undefined;
    this.table.restart();
  }

  override render() {
    const { loading, error } = this.requests;
    return html`
      <h2>${t("mineHeading")}</h2>
      <p>${t("mineIntro")}</p>
      <div class="filters">
        <label>${t("filterStage")}
          <select @change=${this.handleStage}>
            <option value="">${t("allStages")}</option>
            ${SUBMISSION_STAGES.map((stage) => html`<option value=${stage} ?selected=${stage === this.stage}>${t(`stage_${stage}`)}</option>`)}
          </select>
        </label>
      </div>
      ${error !== undefined ? renderLoadFailure(t("mineFailed"), () => this.load()) : nothing}
      ${this.opener.failed ? html`<p class="status error" role="alert">${t("openFailed")}</p>` : nothing}
      <p role="status">${loading ? t("mineLoading") : this.page ? t("mineCount", { count: this.page.total }) : ""}</p>
      ${this.table.render({
        label: t("mineHeading"),
        columns: this.columns(),
        page: this.page,
        loading,
        empty: t(this.stage ? "mineEmptyStage" : "mineEmpty"),
      })}
    `;
  }

  private columns(): TableColumn<SubmissionListItem>[] {
    const sent = (s: SubmissionListItem) => formatDateTime(s.receivedAt);
    return [
      {
        header: t("colSent"),
        cell: (s) => {
          const form = this.forms.find((f) => f.id === s.formId);
          return html`<p class="date">${sent(s)}</p>
            <p class="muted">${form ? pick(form.title) : s.formId} v${s.version}</p>`;
        },
      },
      {
        header: t("colHousehold"),
        rowHeader: true,
        cell: (s) => html`<p>${s.household.headName ?? t("unnamed")}</p>
          <p class="muted">${[s.household.village, t(s.baseVersion != null ? "updateOfHousehold" : "newHousehold")].filter(Boolean).join(" · ")}</p>`,
      },
      {
        header: t("colStage"),
        cell: (s) => html`<span class="stage ${TO_CORRECT.has(s.stage) ? "attention" : ""}">${t(`stage_${s.stage}`)}</span>`,
      },
      {
        header: t("colDetails"),
        cellClass: "details",
        cell: (s) => html`
          ${s.returnComment ? html`<p class="comment">${t("returnComment", { comment: s.returnComment })}</p>` : nothing}
          ${(s.reasons ?? []).map((r) => html`<p>${pick(r.message)}</p>`)}
          ${s.errors?.length ? this.renderErrors(s, s.errors) : nothing}`,
      },
      {
        header: t("colActions"),
        cell: (s) =>
          TO_CORRECT.has(s.stage)
            ? html`<button class="secondary" ?disabled=${this.opener.busy} aria-label=${t("fixSubmissionLabel", { date: sent(s) })}
                @click=${() => this.opener.open(() => getSubmissionAnswers(s.id))}>${t("fixSubmission")}</button>`
            : nothing,
      },
    ];
  }

  private renderErrors(s: SubmissionListItem, errors: FieldError[]) {
    const labels = this.labels.get(`${s.formId}@${s.version}`);
    const where = (pointer: string) =>
      labels ? labels.label(pointer, pick, (roster, number) => t("rosterItem", { roster, number })) : pointer;
    return html`<p>${t("errorCount", { count: errors.length })}</p>
      <ul>${errors.map((e) => html`<li><strong>${where(e.pointer)}</strong>${t("colon")} ${pick(e.message)}</li>`)}</ul>`;
  }
}
