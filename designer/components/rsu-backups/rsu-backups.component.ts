import { css, html, nothing } from "lit";
import { LoadingScreen } from "../../../kit/loading-screen";
import { LatestRequestController } from "../../../kit/latest-request.controller";
import { renderLoadFailure } from "../../../kit/load-failure-view";
import type { BackupJobView, BackupRunView } from "../../../schemas/contracts/backups";
import { type BackupsView, readBackups, startBackup, verifyBackup } from "../../api/backups";
import { failureText } from "../../api/failure-text";
import { byNumber, byText, RecordTable, type TableColumn } from "../../../kit/paged-table";
import { formatDate, type MessageKey, t, tCode } from "../../i18n";
import { sharedStyles } from "../../styles/shared.styles";
import { formatAge, formatBytes } from "../../views/quantities";

/** How often the page reads again while a backup job is under way. */
const POLL_MS = 1_500;

/**
 * @summary « Sauvegardes » (administrators, issue #16): the alarm on the age of the last verified backup,
 * the schedule and retention, the backup and verify jobs under way with their stage, and the latest
 * backups (time, origin, size, duration, verified or not, checksum); « Sauvegarder maintenant » and
 * « Vérifier » queue jobs that the workers run.
 * @event rsu-session-expired - The API answered 401.
 */
export default class RsuBackups extends LoadingScreen {
  static override styles = [
    sharedStyles,
    css`
      .figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(20rem, 1fr)); gap: 0.75rem; margin: 0 0 1.25rem; }
      .figure { padding: 0.75rem 1rem; background: var(--rsu-color-surface); border: 1px solid var(--rsu-color-border); border-radius: 8px; }
      .figure.attention { border-color: var(--rsu-color-danger); border-left-width: 6px; }
      .figure dt { font-weight: 600; margin-bottom: 0.25rem; }
      .figure dd { margin: 0; }
      code.checksum { font-size: 0.8rem; word-break: break-all; }
      progress { width: 10rem; height: 1rem; }
      ul.jobs { padding-inline-start: 1.25rem; }
    `,
  ];
  static override properties = { view: { state: true }, notice: { state: true }, failure: { state: true } };

  view?: BackupsView;
  /** Kept as a key so that it follows a change of language. */
  notice: MessageKey | "" = "";
  failure = "";
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly requests = new LatestRequestController(this);
  private readonly table = new RecordTable(this);

  protected override load() {
    return this.requests.run(async (signal) => {
      this.view = await readBackups(signal);
      clearTimeout(this.timer);
      if (this.view.jobs.length) this.timer = setTimeout(() => void this.load(), POLL_MS);
    });
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  private async start(send: () => Promise<unknown>, done: MessageKey) {
    this.failure = "";
    try {
      await send();
      this.notice = done;
      await this.load();
    } catch (error) {
      this.notice = "";
      this.failure = failureText(error);
    }
  }

  override render() {
    const v = this.view;
    return html`
      <h2>${t("backupsHeading")}</h2>
      <p>${t("backupsIntro")}</p>
      ${this.requests.failed ? renderLoadFailure(failureText(this.requests.error), () => void this.load()) : nothing}
      ${this.failure ? html`<p class="status error" role="alert">${this.failure}</p>` : nothing}
      ${v ? this.renderFigures(v) : nothing}
      <p><button type="button" @click=${() => void this.start(startBackup, "backupStarted")}>${t("backupNow")}</button></p>
      <p role="status">${this.requests.loading && !v ? t("loading") : this.notice ? t(this.notice) : ""}</p>
      ${v?.jobs.length ? this.renderJobs(v.jobs) : nothing}
      ${this.table.render({ label: t("backupRunsLabel"), caption: true, columns: this.runColumns(), rows: v?.runs, loading: false, empty: t("noBackups") })}
    `;
  }

  private renderFigures(v: BackupsView) {
    const limit = formatAge(v.alarm.maxAgeSeconds);
    const age = v.alarm.ageSeconds === null ? "" : formatAge(v.alarm.ageSeconds);
    const { schedule } = v;
    return html`<dl class="figures">
      <div class="figure ${v.alarm.state === "ok" ? "" : "attention"}">
        <dt>${t("backupAlarmLabel")}</dt>
        <dd>${t(`backupAlarm_${v.alarm.state}`, { age, limit })}</dd>
      </div>
      <div class="figure">
        <dt>${t("backupScheduleLabel")}</dt>
        <dd>
          <div>${
            schedule.everySeconds
              ? t("backupScheduleEvery", { period: formatAge(schedule.everySeconds) })
              : schedule.timeOfDay
                ? t("backupScheduleDaily", { time: schedule.timeOfDay })
                : t("backupScheduleOff")
          }</div>
          <div>${t("backupRetention", { ...schedule.keep })}</div>
        </dd>
      </div>
    </dl>`;
  }

  private renderJobs(jobs: BackupJobView[]) {
    return html`<h3>${t("backupJobsLabel")}</h3>
      <ul class="jobs">
        ${jobs.map(
          (job) => html`<li>
            ${tCode("backupJob_", job.kind)} :
            ${job.state === "active" && job.stage ? tCode("backupStage_", job.stage) : t("backupJobWaiting")}
            <progress aria-label=${`${t("backupProgress")} : ${tCode("backupJob_", job.kind)}`} max="3" value=${STAGE_STEP[job.stage ?? ""] ?? 0}></progress>
          </li>`,
        )}
      </ul>`;
  }

  private runColumns(): TableColumn<BackupRunView>[] {
    return [
      { header: t("colBackupStarted"), cell: (run) => formatDate(run.startedAt, "compact"), compare: byText((run) => run.startedAt) },
      { header: t("colBackupOrigin"), cell: (run) => tCode("backupOrigin_", run.origin), compare: byText((run) => run.origin) },
      {
        header: t("colBackupSize"),
        numeric: true,
        cell: (run) => (run.bytes === null ? "—" : formatBytes(run.bytes)),
        compare: byNumber((run) => run.bytes ?? -1),
      },
      {
        header: t("colBackupDuration"),
        numeric: true,
        cell: (run) => formatAge(Math.round(run.durationMs / 1000)),
        compare: byNumber((run) => run.durationMs),
      },
      {
        header: t("colBackupState"),
        cell: (run) =>
          run.outcome === "verified"
            ? t("backupOutcome_verified", { date: formatDate(run.verifiedAt!, "compact") })
            : html`${tCode("backupOutcome_", run.outcome)}${run.errorCode ? html` : <span title=${run.errorCode}>${tCode("backupError_", run.errorCode)}</span>` : nothing}`,
        compare: byText((run) => run.outcome),
      },
      { header: t("colBackupChecksum"), cell: (run) => (run.sha256 ? html`<code class="checksum">${run.sha256}</code>` : "—") },
      {
        header: t("colActions"),
        cell: (run) =>
          run.sha256
            ? html`<button type="button" class="small secondary" aria-label=${`${t("verifyBackupButton")} ${run.file}`}
                @click=${() => void this.start(() => verifyBackup(run.id), "verifyStarted")}>${t("verifyBackupButton")}</button>`
            : nothing,
      },
    ];
  }
}

/** Where each stage stands on the job's progress bar. */
const STAGE_STEP: Record<string, number> = { writing: 1, verifying: 2, retention: 3 };
