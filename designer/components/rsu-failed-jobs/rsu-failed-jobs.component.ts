import { css, html, nothing } from "lit";
import { LoadingScreen } from "../../../runtime/shared/loading-screen";
import { listFailedJobs, retryJob, type FailedJobPage } from "../../api/jobs";
import { failureText } from "../../api/failure-text";
import { LatestRequestController } from "../../../runtime/shared/latest-request.controller";
import { renderLoadFailure } from "../../../runtime/shared/load-failure-view";
import { renderPager } from "../../../runtime/shared/pager-view";
import { formatDate, t, type MessageKey } from "../../i18n";
import { sharedStyles } from "../../styles/shared.styles";

const PAGE_SIZE = 50;

/**
 * @summary Integration jobs that failed for good (admins, issue #6): error, attempts, date, and « Relancer ».
 * @event rsu-session-expired - The API answered 401.
 */
export default class RsuFailedJobs extends LoadingScreen {
  static override styles = [
    sharedStyles,
    css`
    td.error { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.8125rem; overflow-wrap: anywhere; }
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

  private retry(id: string) {
    return this.requests.run(async (signal) => {
      await retryJob(id);
      this.page = await listFailedJobs(PAGE_SIZE, this.offset, signal);
      this.notice = "jobRetried";
    });
  }

  override render() {
    return html`
      <h2>${t("failedJobsHeading")}</h2>
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
          <th scope="col">${t("colJobSubmission")}</th>
          <th scope="col">${t("colJobError")}</th>
          <th scope="col">${t("colJobAttempts")}</th>
          <th scope="col">${t("colJobFailedAt")}</th>
          <th scope="col"></th>
        </tr></thead>
        <tbody>
          ${page.items.map(
            (job) => html`<tr>
            <td>${job.submissionId ? html`<code>${job.submissionId}</code>` : "—"}</td>
            <td class="error">${job.error}</td>
            <td class="number">${job.attempts}</td>
            <td>${formatDate(job.failedAt, "compact")}</td>
            <td><button type="button" @click=${() => void this.retry(job.id)}>${t("retryJob")}</button></td>
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
