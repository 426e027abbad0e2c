import { html, nothing } from "lit";
import type { PublishedFormSummary, SubmissionBody } from "../../../schemas/contracts/api";
import type { SubmissionPage } from "../../../schemas/contracts/submissions";
import { getSubmissionAnswers, listMySubmissions, listPublishedForms } from "../../api-client";
import { pagerStyles, renderPager } from "../../shared/pager-view";
import { tableStyles } from "../../shared/styles";
import { PagedScreen } from "../../shared/loading-screen";
import { renderLoadFailure } from "../../shared/load-failure-view";
import { formatDateTime, pick, t } from "../../i18n";
import { sharedStyles } from "../../styles/shared.styles";
import { AnswersOpener } from "../answers-opener.controller";
import styles from "../rsu-area-households/rsu-area-households.styles";

const PAGE_SIZE = 20;

/** Stages after which the clerk has something to do: correct and send again (a new submission). */
const TO_CORRECT = new Set(["invalid", "rejected"]);

/**
 * @summary « Mes envois »: the questionnaires the clerk sent, newest first, each with its stage in words,
 * why it stopped (rules and answers to correct) and the supervisor's comment when it was sent back; those
 * refused or sent back open again prefilled, to be corrected and sent as a new submission.
 * @event rsu-answers-open - A submission's answers to open prefilled, for a correction.
 * @event rsu-session-expired - The API answered 401.
 */
export default class RsuMySubmissions extends PagedScreen<SubmissionPage> {
  static override styles = [sharedStyles, tableStyles, pagerStyles, styles];
  static override properties = {
    page: { state: true },
    forms: { state: true },
  };

  /** Published forms, for their titles; ids are shown until they arrive. */
  forms: PublishedFormSummary[] = [];

  protected readonly pageSize = PAGE_SIZE;
  private readonly opener = new AnswersOpener(this);

  override connectedCallback(): void {
    super.connectedCallback();
    listPublishedForms()
      .then((forms) => (this.forms = forms))
      .catch(() => {});
  }

  protected fetchPage(limit: number, offset: number, signal: AbortSignal) {
    return listMySubmissions(limit, offset, signal);
  }

  override render() {
    const { loading, error } = this.requests;
    return html`
      <h2>${t("mineHeading")}</h2>
      <p>${t("mineIntro")}</p>
      ${error !== undefined ? renderLoadFailure(t("mineFailed"), () => this.load()) : nothing}
      ${this.opener.failed ? html`<p class="status error" role="alert">${t("openFailed")}</p>` : nothing}
      <p role="status">${loading ? t("mineLoading") : this.page ? t("mineCount", { count: this.page.total }) : ""}</p>
      ${this.page?.items.length ? this.renderTable(this.page) : this.page && !loading ? html`<p class="status">${t("mineEmpty")}</p>` : nothing}
    `;
  }

  private renderTable(page: SubmissionPage) {
    return html`
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">${t("colSent")}</th>
              <th scope="col">${t("colForm")}</th>
              <th scope="col">${t("colStage")}</th>
              <th scope="col">${t("colDetails")}</th>
              <th scope="col">${t("colActions")}</th>
            </tr>
          </thead>
          <tbody>
            ${page.items.map((s) => this.renderRow(s))}
          </tbody>
        </table>
      </div>
      ${page.total > PAGE_SIZE ? renderPager(this.offset, PAGE_SIZE, page.total, (delta) => this.turn(delta)) : nothing}
    `;
  }

  private renderRow(s: SubmissionBody) {
    const form = this.forms.find((f) => f.id === s.formId);
    const returned = !!s.returnComment;
    const sent = formatDateTime(s.receivedAt);
    return html`<tr>
      <td class="date">${sent}</td>
      <th scope="row">${form ? pick(form.title) : s.formId} <span class="muted">v${s.version}</span></th>
      <td><strong>${returned ? t("stageReturned") : t(`stage_${s.status}`)}</strong></td>
      <td>
        <p class="muted">${s.baseVersion != null ? t("updateOfHousehold") : t("newHousehold")}</p>
        ${s.returnComment ? html`<p>${t("returnComment", { comment: s.returnComment })}</p>` : nothing}
        ${(s.reasons ?? []).map((r) => html`<p>${pick(r.message)}</p>`)}
        ${s.errors?.length
          ? html`<details>
              <summary>${t("errorCount", { count: s.errors.length })}</summary>
              <ul>${s.errors.map((e) => html`<li><code>${e.pointer}</code> — ${pick(e.message)}</li>`)}</ul>
            </details>`
          : nothing}
      </td>
      <td>
        ${returned || TO_CORRECT.has(s.status)
          ? html`<button class="secondary" ?disabled=${this.opener.busy} aria-label=${t("fixSubmissionLabel", { date: sent })}
              @click=${() => this.opener.open(() => getSubmissionAnswers(s.id))}>${t("fixSubmission")}</button>`
          : nothing}
      </td>
    </tr>`;
  }
}
