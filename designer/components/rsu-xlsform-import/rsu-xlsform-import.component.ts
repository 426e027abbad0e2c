import { css, html, LitElement, nothing } from "lit";
import { SubScreenHelp } from "../../../kit/sub-screen-help";
import { SUB_SCREEN_TOPICS } from "../../help-topics";
import { ApiError } from "../../../kit/request";
import { sessionExpiredEvent } from "../../../kit/events/rsu-session-expired";
import { failureText } from "../../api/failure-text";
import { importXlsFormFile, type XlsFormImportResult } from "../../api/xlsform-import";
import { formCancelEvent } from "../../events/rsu-form-cancel";
import { LanguageController, pick, t, tCode } from "../../i18n";
import { sharedStyles } from "../../styles/shared.styles";
import { xlsFormImportedEvent } from "./xlsform-imported-event";

/**
 * @summary Imports an XLSForm as a new mask draft (issue #20): choose the file, preview the report (each
 * row carried over, approximated or refused, and why), then create the draft, which opens in the designer.
 * @event rsu-xlsform-imported - The draft was created.
 * @event rsu-form-cancel - Closed.
 * @event rsu-session-expired - The API answered 401.
 */
export default class RsuXlsFormImport extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      section { border: 1px solid var(--rsu-border, #ccc); padding: 1rem; margin-block: 1rem; }
      .actions { display: flex; gap: 0.5rem; margin-block-start: 0.75rem; flex-wrap: wrap; }
      label { display: block; margin-block: 0.5rem; }
      td.outcome-refused { color: var(--rsu-color-error, #a4161a); font-weight: 600; }
      td.outcome-approximated { color: var(--rsu-color-warning, #7a4b00); }
    `,
  ];
  static override properties = {
    file: { state: true },
    result: { state: true },
    busy: { state: true },
    failure: { state: true },
  };

  file: File | null = null;
  result: XlsFormImportResult | null = null;
  busy = false;
  failure = "";
  private formId = "";

  constructor() {
    super();
    new LanguageController(this);
    new SubScreenHelp(this, () => SUB_SCREEN_TOPICS.xlsformImport);
  }

  private handleFile(event: Event) {
    this.file = (event.target as HTMLInputElement).files?.[0] ?? null;
    this.result = null;
    this.failure = "";
  }

  private handleId(event: Event) {
    this.formId = (event.target as HTMLInputElement).value.trim();
  }

  private async send(mode: "preview" | "create") {
    if (!this.file) return;
    this.busy = true;
    this.failure = "";
    try {
      this.result = await importXlsFormFile(this.file, mode, this.formId || undefined);
      if (this.result.created) this.dispatchEvent(xlsFormImportedEvent(this.result.formId));
    } catch (error) {
      if (error instanceof ApiError && error.unauthenticated) this.dispatchEvent(sessionExpiredEvent());
      else this.failure = failureText(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`<section aria-labelledby="xls-heading">
      <h3 id="xls-heading">${t("xlsHeading")}</h3>
      <p>${t("xlsHint")}</p>
      <label>${t("xlsFile")}
        <input type="file" name="file" accept=".xlsx,.xls,.csv,.md,text/csv,text/markdown" @change=${this.handleFile} />
      </label>
      <label>${t("xlsFormId")}
        <input type="text" name="id" aria-describedby="xls-id-hint" @input=${this.handleId} />
      </label>
      <p id="xls-id-hint" class="muted">${t("xlsFormIdHint")}</p>
      <div class="actions">
        <button ?disabled=${!this.file || this.busy} @click=${() => this.send("preview")}>${t("xlsPreview")}</button>
        <button ?disabled=${!this.result || this.busy} @click=${() => this.send("create")}>${t("xlsCreate")}</button>
        <button class="secondary" @click=${() => this.dispatchEvent(formCancelEvent())}>${t("close")}</button>
      </div>
      ${this.failure ? html`<p class="status error" role="alert">${this.failure}</p>` : nothing}
      <div role="status">${this.result ? this.renderSummary(this.result) : nothing}</div>
      ${this.result ? this.renderReport(this.result) : nothing}
    </section>`;
  }

  private renderSummary(result: XlsFormImportResult) {
    return html`<p class="status">${t("xlsSummary", { formId: result.formId, ...result.counts, errors: result.check.errors.length })}</p>`;
  }

  private renderReport(result: XlsFormImportResult) {
    return html`<div class="table-wrap">
      <table>
        <caption>${t("xlsReportCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">${t("xlsColOutcome")}</th>
            <th scope="col">${t("xlsColWhere")}</th>
            <th scope="col">${t("xlsColWhat")}</th>
          </tr>
        </thead>
        <tbody>
          ${result.report.map(
            (e) => html`<tr>
              <td class="outcome-${e.outcome}">${tCode("xlsOutcome_", e.outcome)}</td>
              <td>${t("xlsWhere", { sheet: e.sheet, row: e.row })}${e.name ? html`<br /><span class="code">${e.name}</span>` : nothing}${e.column ? html` (<span class="code">${e.column}</span>)` : nothing}</td>
              <td>${pick(e.message)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}
