import { css, html, nothing } from "lit";
import { LoadingScreen } from "../../../kit/loading-screen";
import { LatestRequestController } from "../../../kit/latest-request.controller";
import { renderLoadFailure } from "../../../kit/load-failure-view";
import { ApiError } from "../../../kit/request";
import { sessionExpiredEvent } from "../../../kit/events/rsu-session-expired";
import { EXPORT_FORMATS, type ExportFormat } from "../../../schemas/contracts/exports";
import { cancelExport, exportFileUrl, listExports, requestExport, type ExportRequest, type ExportView } from "../../api/exports";
import { failureText } from "../../api/failure-text";
import { byNumber, byText, RecordTable, type TableColumn } from "../../../kit/paged-table";
import { formatDate, t, tCode } from "../../i18n";
import { sharedStyles } from "../../styles/shared.styles";
import { groupFieldErrors, type FieldMessages } from "../../views/field-errors";
import { renderTextField } from "../../views/text-field";

const FIELDS = ["format", "delimiter", "language", "asOf", "area", "changedSince"] as const;
/** How often the list is read again while an export is queued or running. */
const POLL_MS = 1_500;

/**
 * @summary Registry exports (issue #17): ask for one (format, date, area, changes since), follow its
 * progress bar, download it, cancel it. Lists the requester's own exports only.
 * @event rsu-session-expired - The API answered 401.
 */
export default class RsuExports extends LoadingScreen {
  static override styles = [
    sharedStyles,
    css`
      form { display: grid; gap: 0.75rem; max-width: 40rem; }
      progress { width: 8rem; height: 1rem; }
      td.actions { display: flex; gap: 0.5rem; flex-wrap: wrap; }
    `,
  ];
  static override properties = {
    exports: { state: true },
    format: { state: true },
    busy: { state: true },
    notice: { state: true },
    failure: { state: true },
  };

  exports?: ExportView[];
  format: ExportFormat = "csv";
  busy = false;
  notice = "";
  failure = "";
  private messages: FieldMessages | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly requests = new LatestRequestController(this);
  private readonly table = new RecordTable(this);

  protected override load() {
    return this.requests.run(async (signal) => {
      this.exports = await listExports(signal);
      this.followRunning();
    });
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  /** Reads the list again while an export moves, so that its progress bar and its link appear by themselves. */
  private followRunning() {
    clearTimeout(this.timer);
    if (this.exports?.some((e) => e.status === "queued" || e.status === "running"))
      this.timer = setTimeout(() => void this.load(), POLL_MS);
  }

  private async handleSubmit(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? "").trim();
    const body: ExportRequest = { format: this.format, language: text("language") || "fr" };
    if (this.format === "csv") body.delimiter = text("delimiter") === "," ? "," : ";";
    for (const name of ["asOf", "area", "changedSince"] as const) if (text(name)) body[name] = text(name);
    this.busy = true;
    this.failure = "";
    this.notice = "";
    try {
      await requestExport(body);
      this.messages = null;
      this.notice = t("exportRequested");
      await this.load();
    } catch (error) {
      if (error instanceof ApiError && error.unauthenticated) return void this.dispatchEvent(sessionExpiredEvent());
      const fieldErrors = error instanceof ApiError ? error.fieldErrors : [];
      this.messages = fieldErrors.length ? groupFieldErrors(fieldErrors, FIELDS) : null;
      this.failure = this.messages ? [t("formHasErrors"), ...this.messages.other].join(" ") : failureText(error);
    } finally {
      this.busy = false;
    }
  }

  private async cancel(id: string) {
    try {
      await cancelExport(id);
      await this.load();
    } catch (error) {
      this.failure = failureText(error);
    }
  }

  override render() {
    return html`
      <h2>${t("exportsHeading")}</h2>
      <p>${t("exportsIntro")}</p>
      ${this.renderForm()}
      ${this.requests.failed ? renderLoadFailure(failureText(this.requests.error), () => void this.load()) : nothing}
      <p role="status">${this.notice}</p>
      ${this.table.render({ label: t("exportsHeading"), columns: this.columns(), rows: this.exports, loading: this.requests.loading, empty: t("noExports") })}
    `;
  }

  private renderForm() {
    return html`<form class="panel" novalidate @submit=${this.handleSubmit}>
      ${this.failure ? html`<p class="status error" role="alert">${this.failure}</p>` : nothing}
      <div class="field">
        <label for="format">${t("exportFormat")}</label>
        <select id="format" name="format" @change=${(e: Event) => (this.format = (e.target as HTMLSelectElement).value as ExportFormat)}>
          ${EXPORT_FORMATS.map((f) => html`<option value=${f} ?selected=${f === this.format}>${tCode("format_", f)}</option>`)}
        </select>
      </div>
      ${
        this.format === "csv"
          ? html`<div class="field">
            <label for="delimiter">${t("exportDelimiter")}</label>
            <select id="delimiter" name="delimiter">
              <option value=";">${t("delimiterSemicolon")}</option>
              <option value=",">${t("delimiterComma")}</option>
            </select>
          </div>`
          : nothing
      }
      <div class="field">
        <label for="language">${t("exportLanguage")}</label>
        <select id="language" name="language">
          <option value="fr">Français</option>
          <option value="en" lang="en">English</option>
        </select>
      </div>
      ${renderTextField("asOf", t("exportAsOf"), this.messages, { type: "date" })}
      ${renderTextField("area", t("exportArea"), this.messages)}
      ${renderTextField("changedSince", t("exportChangedSince"), this.messages, { type: "date" })}
      <div class="actions"><button type="submit" ?disabled=${this.busy}>${t("requestExport")}</button></div>
    </form>`;
  }

  private columns(): TableColumn<ExportView>[] {
    return [
      { header: t("colExportRequested"), cell: (e) => formatDate(e.requestedAt, "compact"), compare: byText((e) => e.requestedAt) },
      { header: t("colExportFormat"), cell: (e) => tCode("format_", e.format), compare: byText((e) => tCode("format_", e.format)) },
      { header: t("colExportFilters"), cell: (e) => filtersText(e) },
      { header: t("colExportStatus"), cell: (e) => this.renderStatus(e), compare: byText((e) => tCode("exportStatus_", e.status)) },
      {
        header: t("colExportRows"),
        numeric: true,
        cell: (e) => (e.households === null ? "—" : `${e.households} / ${e.individuals}`),
        compare: byNumber((e) => e.households ?? -1),
      },
      {
        header: t("colActions"),
        cellClass: "actions",
        cell: (e) => html`
          ${e.status === "done" ? html`<a class="button" href=${exportFileUrl(e.id)} download>${t("downloadExport")}</a>` : nothing}
          ${e.status === "queued" || e.status === "running" ? html`<button type="button" class="secondary small" @click=${() => void this.cancel(e.id)}>${t("cancelExport")}</button>` : nothing}`,
      },
    ];
  }

  private renderStatus(e: ExportView) {
    const status = tCode("exportStatus_", e.status);
    if (e.status === "running" || e.status === "queued") {
      return html`${status}<br /><progress aria-label=${t("exportProgress")} max=${e.progress.total ?? 1} value=${e.progress.done}></progress>`;
    }
    if (e.status === "done" && e.expiresAt) return html`${status} ${t("exportExpiresAt", { date: formatDate(e.expiresAt, "compact") })}`;
    return status;
  }
}

function filtersText(e: ExportView): string {
  const parts = [t("filterAsOf", { date: formatDate(e.filters.asOf, "compact") })];
  if (e.filters.area) parts.push(t("filterArea", { area: e.filters.area }));
  if (e.filters.changedSince) parts.push(t("filterChangedSince", { date: formatDate(e.filters.changedSince) }));
  return parts.join(", ");
}
