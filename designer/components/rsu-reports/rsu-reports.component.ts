import { css, html, nothing } from "lit";
import { LoadingScreen } from "../../../kit/loading-screen";
import { LatestRequestController } from "../../../kit/latest-request.controller";
import { renderLoadFailure } from "../../../kit/load-failure-view";
import type { ReportKind } from "../../../schemas/contracts/reports";
import { failureText } from "../../api/failure-text";
import { type ActivityReport, reportFigures, reportFileUrl } from "../../api/reports";
import { getLanguage, t } from "../../i18n";
import { sharedStyles } from "../../styles/shared.styles";

/** The month just over: the report the administrator owes now. */
function previousMonth(): string {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

/**
 * @summary « Rapports » (admins, issue #23): choose a month or a quarter and the report's language, see its
 * main figures, open the printable report (charts, tables) or download the same tables as XLSX.
 * @event rsu-session-expired - The API answered 401.
 */
export default class RsuReports extends LoadingScreen {
  static override styles = [
    sharedStyles,
    css`
      form { display: flex; flex-wrap: wrap; align-items: end; gap: 0.75rem 1rem; }
      form .field { margin: 0; }
      .files { display: flex; flex-wrap: wrap; gap: 0.75rem; margin: 1rem 0; }
      dl { display: grid; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); gap: 0.75rem; }
      dl > div { padding: 0.75rem 1rem; background: var(--rsu-color-surface); border: 1px solid var(--rsu-color-border); border-radius: 8px; }
      dt { font-weight: 600; margin-bottom: 0.25rem; }
      dd { margin: 0; }
    `,
  ];
  static override properties = { kind: { state: true }, period: { state: true }, reportLanguage: { state: true }, report: { state: true } };

  kind: ReportKind = "monthly";
  period = previousMonth();
  reportLanguage = getLanguage() === "en" ? "en" : "fr";
  report?: ActivityReport;
  private readonly requests = new LatestRequestController(this);

  protected override load() {
    const period = this.period;
    return this.requests.run(async (signal) => {
      this.report = await reportFigures(period, signal);
    });
  }

  private handleSubmit(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const field = (name: string) => String(data.get(name) ?? "");
    this.period = this.kind === "monthly" ? field("month") : `${field("year")}-Q${field("quarter")}`;
    this.reportLanguage = field("lang") === "en" ? "en" : "fr";
    void this.load();
  }

  override render() {
    return html`
      <h2>${t("reportsHeading")}</h2>
      <p>${t("reportsIntro")}</p>
      ${this.renderForm()}
      ${this.requests.failed ? renderLoadFailure(failureText(this.requests.error), () => void this.load()) : nothing}
      <p role="status">${this.requests.loading ? t("loading") : ""}</p>
      ${this.report ? this.renderReport(this.report) : nothing}
    `;
  }

  private renderForm() {
    const year = Number(this.period.slice(0, 4));
    const quarter = this.period.includes("Q") ? this.period.slice(-1) : String(Math.floor((Number(this.period.slice(5, 7)) - 1) / 3) + 1);
    return html`<form class="panel" @submit=${this.handleSubmit}>
      <div class="field">
        <label for="kind">${t("reportKind")}</label>
        <select id="kind" name="kind" @change=${(e: Event) => (this.kind = (e.target as HTMLSelectElement).value as ReportKind)}>
          <option value="monthly" ?selected=${this.kind === "monthly"}>${t("reportMonthly")}</option>
          <option value="quarterly" ?selected=${this.kind === "quarterly"}>${t("reportQuarterly")}</option>
        </select>
      </div>
      ${
        this.kind === "monthly"
          ? html`<div class="field">
              <label for="month">${t("reportMonth")}</label>
              <input id="month" name="month" type="month" required .value=${this.period.includes("Q") ? previousMonth() : this.period} />
            </div>`
          : html`<div class="field">
                <label for="year">${t("reportYear")}</label>
                <input id="year" name="year" type="number" min="2000" max="2100" required .value=${String(year)} />
              </div>
              <div class="field">
                <label for="quarter">${t("reportQuarter")}</label>
                <select id="quarter" name="quarter">
                  ${["1", "2", "3", "4"].map((q) => html`<option value=${q} ?selected=${q === quarter}>T${q}</option>`)}
                </select>
              </div>`
      }
      <div class="field">
        <label for="lang">${t("reportLanguage")}</label>
        <select id="lang" name="lang">
          <option value="fr" lang="fr" ?selected=${this.reportLanguage === "fr"}>Français</option>
          <option value="en" lang="en" ?selected=${this.reportLanguage === "en"}>English</option>
        </select>
      </div>
      <button type="submit">${t("reportShow")}</button>
    </form>`;
  }

  private renderReport(r: ActivityReport) {
    const s = r.submissions.total;
    const sum = (list: { n: number }[]) => list.reduce((total, d) => total + d.n, 0);
    const seconds = (value: number | null) => (value === null ? t("reportNone") : String(Math.round(value * 10) / 10));
    const audit =
      r.audit.intact === null
        ? t("reportAuditUnchecked")
        : r.audit.intact
          ? t("reportAuditIntact", { rows: r.audit.checkedRows })
          : t("reportAuditBroken", { findings: r.audit.findings });
    const item = (label: string, value: string) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
    return html`
      <div class="files">
        <a class="button" href=${reportFileUrl(r.period.label, "html", this.reportLanguage)} target="_blank" rel="noopener">${t("reportOpen")}</a>
        <a class="button secondary" href=${reportFileUrl(r.period.label, "xlsx", this.reportLanguage)} download>${t("reportDownload")}</a>
      </div>
      <h3>${t("reportSummary", { period: r.period.label })}</h3>
      <dl>
        ${item(t("reportSubmissions"), t("reportSubmissionsText", { ...s }))}
        ${item(t("reportLag"), t("reportLagText", { p50: seconds(r.integrationLag.p50), p90: seconds(r.integrationLag.p90), count: r.integrationLag.count }))}
        ${item(t("reportDuplicates"), t("reportDuplicatesText", { found: sum(r.duplicates.found), merged: sum(r.duplicates.merged), undone: sum(r.duplicates.undone) }))}
        ${item(t("reportBacklog"), t("reportBacklogText", { count: sum(r.reviewBacklog) }))}
        ${item(t("reportIncidents"), t("reportIncidentsText", { count: r.incidents.length, open: r.incidents.filter((i) => i.status === "open").length }))}
        ${item(t("reportBackups"), t("reportBackupsText", { made: r.backups.made, verified: r.backups.verified, failed: r.backups.failed }))}
        ${item(t("reportAudit"), audit)}
      </dl>
    `;
  }
}
