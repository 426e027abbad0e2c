import { css, html, nothing } from "lit";
import { LoadingScreen } from "../../../runtime/shared/loading-screen";
import { discardJob, listFailedJobs, retryJob, type FailedJob, type FailedJobPage } from "../../api/jobs";
import { failureText } from "../../api/failure-text";
import { LatestRequestController } from "../../../runtime/shared/latest-request.controller";
import { renderLoadFailure } from "../../../runtime/shared/load-failure-view";
import { renderPager } from "../../../runtime/shared/pager-view";
import { formatDate, t, tCode, type MessageKey } from "../../i18n";
import { sharedStyles } from "../../styles/shared.styles";

const PAGE_SIZE = 50;

/**
 * @summary Jobs of every queue that failed for good (admins, issues #6 and #23): queue, reason as a code
 * (never the failure's text, which may quote data), attempts, date, « Relancer » and « Abandonner ».
 * @event rsu-session-expired - The API answered 401.
 */
export default class RsuFailedJobs extends LoadingScreen {
  static override styles = [
    sharedStyles,
    css`
    td.actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
  `,
  ];
  static override properties = {
    page: { state: true },
    notice: { state: true },
  };

  page?: FailedJobPage;
  /** Kept as a key so that it follows a change of language. */
  notice: MessageKey | "" = "";

  private offset = 0;
  private readonly requests = new LatestRequestController(this);

  protected override load() {
    return this.requests.run(async (signal) => {
      this.page = await listFailedJobs(PAGE_SIZE, this.offset, signal);
    });
  }

  private act(job: FailedJob, action: "retry" | "discard") {
    if (action === "discard" && !confirm(t("discardJobConfirm", { id: job.id }))) return;
    return this.requests.run(async (signal) => {
      this.notice = "";
      await (action === "retry" ? retryJob(job) : discardJob(job));
      this.page = await listFailedJobs(PAGE_SIZE, this.offset, signal);
      this.notice = action === "retry" ? "jobRetried" : "jobDiscarded";
    });
  }

  override render() {
    return html`
      <h3>${t("failedJobsHeading")}</h3>
      <p>${t("failedJobsIntro")}</p>
      ${this.requests.failed ? renderLoadFailure(failureText(this.requests.error), () => void this.load()) : nothing}
      <p role="status">${this.requests.loading ? t("loading") : (this.notice && t(this.notice)) || (this.page ? t("failedJobsCount", { count: this.page.total }) : "")}</p>
      ${this.page?.items.length ? this.renderTable(this.page) : this.page && !this.requests.loading ? html`<p class="status">${t("noFailedJobs")}</p>` : nothing}
    `;
  }

  private renderTable(page: FailedJobPage) {
    return html`
      <div class="table-wrap"><table>
        <thead><tr>
          <th scope="col">${t("colJobQueue")}</th>
          <th scope="col">${t("colJobSubmission")}</th>
          <th scope="col">${t("colJobReason")}</th>
          <th scope="col">${t("colJobAttempts")}</th>
          <th scope="col">${t("colJobFailedAt")}</th>
          <th scope="col">${t("colActions")}</th>
        </tr></thead>
        <tbody>
          ${page.items.map(
            (job) => html`<tr>
            <td>${tCode("queue_", job.queue)}</td>
            <td>${job.submissionId ? html`<code>${job.submissionId}</code>` : "—"}</td>
            <td>${tCode("reason_", job.reason)} <code>${job.reason}</code></td>
            <td class="number">${job.attempts}</td>
            <td>${formatDate(job.failedAt, "compact")}</td>
            <td class="actions">
              <button type="button" class="small" @click=${() => void this.act(job, "retry")}>${t("retryJob")}</button>
              <button type="button" class="small secondary danger" @click=${() => void this.act(job, "discard")}>${t("discardJob")}</button>
            </td>
          </tr>`,
          )}
        </tbody>
      </table></div>
      ${renderPager(this.offset, PAGE_SIZE, page.total, (delta) => {
        this.offset = Math.max(0, this.offset + delta * PAGE_SIZE);
        void this.load();
      })}
    `;
  }
}
