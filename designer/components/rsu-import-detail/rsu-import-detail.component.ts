import { css, html, nothing } from "lit";
import { SubScreenHelp } from "../../../kit/sub-screen-help";
import { SUB_SCREEN_TOPICS } from "../../help-topics";
import { LoadingScreen } from "../../../kit/loading-screen";
import { LatestRequestController } from "../../../kit/latest-request.controller";
import { renderLoadFailure } from "../../../kit/load-failure-view";
import { ApiError } from "../../../kit/request";
import { sessionExpiredEvent } from "../../../kit/events/rsu-session-expired";
import { IMPORT_OUTCOMES, type ImportFileInfo, type ImportLines, UNDOABLE_IMPORT_STATUSES } from "../../../schemas/contracts/imports";
import {
  dryRun,
  errorReportUrl,
  getImport,
  importAction,
  importProgress,
  listProfiles,
  undoImport,
  type ImportProfile,
  type ImportProgress,
  type ImportView,
  type UndoneImport,
} from "../../api/imports";
import { failureText } from "../../api/failure-text";
import type { RsuProfileSavedEvent } from "../../events/rsu-profile-saved";
import { formatDate, pick, t, tCode } from "../../i18n";
import { sharedStyles } from "../../styles/shared.styles";
import "../rsu-import-profile/rsu-import-profile";
import { confirmAction } from "../../../kit/confirm";

/** How often progress is read again while the run writes or integration goes on. */
const POLL_MS = 1_000;

/**
 * @summary One import (issue #19): its files as read, the mapping profile (chosen, edited, or prepared
 * from suggestions), the dry run's counts and samples with the error workbook, the run with its progress
 * bar, pause, resume and cancel, its summary, and its undo once run.
 * @event rsu-import-changed - The import's status changed (the history reads it again).
 * @event rsu-session-expired - The API answered 401.
 */
export default class RsuImportDetail extends LoadingScreen {
  static override styles = [
    sharedStyles,
    css`
      section { margin-block: 1rem; }
      progress { width: min(24rem, 100%); height: 1.25rem; }
      .facts { font-size: 0.9375rem; }
    `,
  ];
  static override properties = {
    importId: { type: String },
    view: { state: true },
    profiles: { state: true },
    profileId: { state: true },
    editing: { state: true },
    progress: { state: true },
    busy: { state: true },
    failure: { state: true },
    undone: { state: true },
  };

  importId = "";
  view?: ImportView;
  profiles: ImportProfile[] = [];
  profileId = "";
  /** The profile editor's subject: "new", a profile's id, or "" when closed. */
  editing = "";
  progress?: ImportProgress;
  busy = false;
  failure = "";
  /** What the undo just did, said once on this page (the status says "undone" from then on). */
  undone?: UndoneImport;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly requests = new LatestRequestController(this);
  private readonly help = new SubScreenHelp(this, () => SUB_SCREEN_TOPICS.importDetail);

  protected override load() {
    return this.requests.run(async (signal) => {
      const [view, profiles, progress] = await Promise.all([
        getImport(this.importId, signal),
        listProfiles(signal),
        importProgress(this.importId, signal),
      ]);
      this.view = view;
      this.profiles = profiles;
      this.profileId ||= view.profileId ?? profiles[0]?.id ?? "";
      this.progress = progress;
      this.follow();
    });
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  /** While households are written or still integrating, progress is read again. */
  private follow() {
    clearTimeout(this.timer);
    const p = this.progress;
    const integrating = p && (p.stages.received ?? 0) + (p.stages.valid ?? 0) > 0;
    if (p && (p.status === "running" || integrating)) this.timer = setTimeout(() => void this.refresh(), POLL_MS);
  }

  private async refresh() {
    const before = this.progress?.status;
    this.progress = await importProgress(this.importId).catch(() => this.progress);
    if (this.progress?.status !== before) {
      this.view = await getImport(this.importId).catch(() => this.view);
      this.dispatchEvent(new CustomEvent("rsu-import-changed", { bubbles: true, composed: true }));
    }
    this.follow();
  }

  private async act(work: () => Promise<unknown>) {
    this.busy = true;
    this.failure = "";
    try {
      await work();
      await this.load();
      this.dispatchEvent(new CustomEvent("rsu-import-changed", { bubbles: true, composed: true }));
    } catch (error) {
      if (error instanceof ApiError && error.unauthenticated) return void this.dispatchEvent(sessionExpiredEvent());
      this.failure = failureText(error);
    } finally {
      this.busy = false;
    }
  }

  private async undo(id: string) {
    const confirmation = { heading: t("undoImportHeading"), message: t("undoImportConfirm"), confirmLabel: t("undoImport"), danger: true };
    if (!(await confirmAction(confirmation))) return;
    await this.act(async () => {
      this.undone = await undoImport(id);
    });
  }

  private handleProfileSaved(event: RsuProfileSavedEvent) {
    this.profileId = event.detail.profile.id;
    this.editing = "";
    void this.load();
  }

  override render() {
    const view = this.view;
    return html`
      ${this.requests.failed ? renderLoadFailure(failureText(this.requests.error), () => void this.load()) : nothing}
      ${this.failure ? html`<p class="status error" role="alert">${this.failure}</p>` : nothing}
      ${
        view
          ? html`<h3>${t("importDetailHeading", { id: view.id.slice(0, 8) })} · ${tCode("importStatus_", view.status)}</h3>
            ${Object.values(view.files).map((info) => this.renderFile(info))}
            ${view.status === "uploaded" || view.status === "checked" ? this.renderProfile(view) : nothing}
            ${view.summary ? this.renderDryRun(view) : nothing}
            ${view.status !== "uploaded" && this.progress ? this.renderRun(view, this.progress) : nothing}`
          : html`<p role="status">${t("loading")}</p>`
      }
    `;
  }

  private renderFile(info: ImportFileInfo) {
    return html`<p class="facts">
      ${t("fileFacts", {
        name: info.name,
        rows: info.rows,
        columns: info.columns.length,
        encoding: info.encoding ?? "—",
        delimiter: info.delimiter ?? "—",
        empty: info.emptyRows,
      })}
      ${info.renamed.map((r) => html`<br />${t("fileRenamed", { column: r.column, reason: tCode("renamed_", r.reason) })}`)}
    </p>`;
  }

  private renderProfile(view: ImportView) {
    const editing = this.editing === "new" ? undefined : this.profiles.find((p) => p.id === this.editing);
    return html`<section aria-labelledby="profile-heading">
      <h3 id="profile-heading">${t("profileHeading")}</h3>
      <div class="actions">
        <div class="field">
          <label for="profile">${t("profileChoose")}</label>
          <select id="profile" @change=${(e: Event) => (this.profileId = (e.target as HTMLSelectElement).value)}>
            <option value="">${t("profileNone")}</option>
            ${this.profiles.map((p) => html`<option value=${p.id} ?selected=${p.id === this.profileId}>${p.name}</option>`)}
          </select>
        </div>
        <button type="button" class="secondary" ?disabled=${!this.profileId} @click=${() => (this.editing = this.profileId)}>${t("profileEdit")}</button>
        <button type="button" class="secondary" @click=${() => (this.editing = "new")}>${t("profileFromSuggestions")}</button>
      </div>
      ${
        this.editing
          ? html`<rsu-import-profile .importView=${view} .profile=${editing} @rsu-profile-saved=${this.handleProfileSaved}></rsu-import-profile>`
          : nothing
      }
      <div class="actions">
        <button type="button" ?disabled=${this.busy || !this.profileId} @click=${() => void this.act(() => dryRun(view.id, this.profileId))}>
          ${t("runDryRun")}
        </button>
      </div>
    </section>`;
  }

  private renderDryRun(view: ImportView) {
    const summary = view.summary!;
    return html`<section aria-labelledby="dry-run-heading">
      <h3 id="dry-run-heading">${t("dryRunHeading")}</h3>
      <p role="status">${t("dryRunDone", { households: summary.households })}</p>
      <div class="table-wrap"><table>
        <thead><tr><th scope="col">${t("colOutcome")}</th><th scope="col">${t("colOutcomeCount")}</th><th scope="col">${t("colSamples")}</th></tr></thead>
        <tbody>
          ${IMPORT_OUTCOMES.map(
            (outcome) => html`<tr>
            <th scope="row">${tCode("outcome_", outcome)}</th>
            <td class="number">${summary.counts[outcome]}</td>
            <td>${summary.samples[outcome].map((s) => html`<div><code>${s.key}</code> (${linesText(view, s.lines)})${s.reason ? ` : ${pick(s.reason)}` : ""}</div>`)}</td>
          </tr>`,
          )}
        </tbody>
      </table></div>
      ${summary.counts.error && summary.refused ? html`<p>${t("refusedLines", { lines: linesText(view, summary.refused, REFUSED_SHOWN) })}</p>` : nothing}
      ${summary.counts.error ? html`<p><a class="button" href=${errorReportUrl(view.id)} download>${t("downloadErrors")}</a></p>` : nothing}
    </section>`;
  }

  private renderRun(view: ImportView, progress: ImportProgress) {
    const status = progress.status;
    return html`<section aria-labelledby="run-heading">
      <h3 id="run-heading">${t("runHeading")}</h3>
      <div class="actions">
        ${status === "checked" ? html`<button type="button" ?disabled=${this.busy} @click=${() => void this.act(() => importAction(view.id, "run"))}>${t("runImport")}</button>` : nothing}
        ${status === "paused" ? html`<button type="button" ?disabled=${this.busy} @click=${() => void this.act(() => importAction(view.id, "run"))}>${t("resumeImport")}</button>` : nothing}
        ${status === "running" ? html`<button type="button" class="secondary" ?disabled=${this.busy} @click=${() => void this.act(() => importAction(view.id, "pause"))}>${t("pauseImport")}</button>` : nothing}
        ${["checked", "running", "paused"].includes(status) ? html`<button type="button" class="secondary danger" ?disabled=${this.busy} @click=${() => void this.act(() => importAction(view.id, "cancel"))}>${t("cancelImport")}</button>` : nothing}
        ${UNDOABLE_IMPORT_STATUSES.includes(status) && progress.startedAt ? html`<button type="button" class="secondary danger" ?disabled=${this.busy} @click=${() => void this.undo(view.id)}>${t("undoImport")}</button>` : nothing}
      </div>
      ${this.undone ? html`<p role="status">${t("undoneText", { ...this.undone })}</p>` : nothing}
      ${
        status === "checked"
          ? nothing
          : html`<label for="run-progress">${t("runProgress")}</label><br />
            <progress id="run-progress" max=${Math.max(progress.planned, 1)} value=${progress.submitted}></progress>
            <p role="status">${t("progressText", { submitted: progress.submitted, planned: progress.planned })}</p>
            <h4>${t("summaryHeading")}</h4>
            <ul>${Object.entries(progress.stages).map(([stage, n]) => html`<li>${n} ${tCode("stage_", stage)}</li>`)}</ul>
            ${
              progress.startedAt && progress.finishedAt
                ? html`<p>${t("summaryTimes", { start: formatDate(progress.startedAt, "compact"), end: formatDate(progress.finishedAt, "compact") })}</p>`
                : nothing
            }`
      }
    </section>`;
  }
}

/** Refused lines listed on the page; the error workbook has them all. */
const REFUSED_SHOWN = 100;

/**
 * Line numbers named by file (« menages.csv : 3, 4 ; individus.csv : 7 »), at most `limit` of them. A summary
 * saved before lines were kept by file holds one list, shown as it is.
 */
function linesText(view: ImportView, lines: ImportLines | number[], limit = Number.POSITIVE_INFINITY): string {
  if (Array.isArray(lines)) return lines.join(", ");
  return Object.entries(lines)
    .map(([role, numbers]) => {
      const more = numbers.length > limit ? ` … (${numbers.length})` : "";
      return `${view.files[role as keyof ImportView["files"]]?.name ?? role} : ${numbers.slice(0, limit).join(", ")}${more}`;
    })
    .join(" ; ");
}
