import { css, html, nothing } from "lit";
import { confirmAction } from "../../../kit/confirm";
import { LoadingScreen } from "../../../kit/loading-screen";
import { discardJob, listFailedJobs, retryJob, type FailedJob, type FailedJobPage } from "../../api/jobs";
import { failureText } from "../../api/failure-text";
import { LatestRequestController } from "../../../kit/latest-request.controller";
import { renderLoadFailure } from "../../../kit/load-failure-view";
import { PagedTable, type TableColumn } from "../../../kit/paged-table";
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
      .actions { gap: 0.5rem; }
    `,
  ];
  static override properties = {
    page: { state: true },
    notice: { state: true },
  };

  page?: FailedJobPage;
  /** Kept as a key so that it follows a change of language. */
  notice: MessageKey | "" = "";

  private readonly requests = new LatestRequestController(this);
  private readonly table = new PagedTable(this, PAGE_SIZE, () => void this.load());

  protected override load() {
    return this.requests.run(async (signal) => {
      this.page = await listFailedJobs(PAGE_SIZE, this.table.offset, signal);
    });
  }

  private async act(job: FailedJob, action: "retry" | "discard") {
    if (action === "discard") {
      const message = t("discardJobConfirm", { id: job.id });
      if (!(await confirmAction({ heading: t("discardJobHeading"), message, confirmLabel: t("discardJobConfirmed"), danger: true })))
        return;
    }
    return this.requests.run(async (signal) => {
      this.notice = "";
      await (action === "retry" ? retryJob(job) : discardJob(job));
      this.page = await listFailedJobs(PAGE_SIZE, this.table.offset, signal);
      this.notice = action === "retry" ? "jobRetried" : "jobDiscarded";
    });
  }

  override render() {
    return html`
      <h3>${t("failedJobsHeading")}</h3>
      <p>${t("failedJobsIntro")}</p>
      ${this.requests.failed ? renderLoadFailure(failureText(this.requests.error), () => void this.load()) : nothing}
      <p role="status">${this.requests.loading ? t("loading") : (this.notice && t(this.notice)) || (this.page ? t("failedJobsCount", { count: this.page.total }) : "")}</p>
      ${this.table.render({ label: t("failedJobsHeading"), columns: this.columns(), page: this.page, loading: this.requests.loading, empty: t("noFailedJobs") })}
    `;
  }

  private columns(): TableColumn<FailedJob>[] {
    return [
      { header: t("colJobQueue"), cell: (job) => tCode("queue_", job.queue), compare: (a, b) => a.queue.localeCompare(b.queue) },
      { header: t("colJobSubmission"), cell: (job) => (job.submissionId ? html`<code>${job.submissionId}</code>` : "—") },
      {
        header: t("colJobReason"),
        cell: (job) => html`${tCode("reason_", job.reason)} <code>${job.reason}</code>`,
        compare: (a, b) => a.reason.localeCompare(b.reason),
      },
      { header: t("colJobAttempts"), cell: (job) => job.attempts, numeric: true, compare: (a, b) => a.attempts - b.attempts },
      {
        header: t("colJobFailedAt"),
        cell: (job) => formatDate(job.failedAt, "compact"),
        compare: (a, b) => a.failedAt.localeCompare(b.failedAt),
      },
      {
        header: t("colActions"),
        cell: (job) => html`<div class="actions">
          <button type="button" class="small" @click=${() => void this.act(job, "retry")}>${t("retryJob")}</button>
          <button type="button" class="small secondary danger" @click=${() => void this.act(job, "discard")}>${t("discardJob")}</button>
        </div>`,
      },
    ];
  }
}
