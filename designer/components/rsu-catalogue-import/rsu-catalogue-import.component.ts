import { css, html, LitElement, nothing } from "lit";
import { ApiError } from "../../../kit/request";
import { sessionExpiredEvent } from "../../../kit/events/rsu-session-expired";
import { importCatalogueFile, type ImportResult } from "../../api/catalogue-import";
import { failureText } from "../../api/failure-text";
import { formCancelEvent } from "../../events/rsu-form-cancel";
import { LanguageController, pick, t, tCode } from "../../i18n";
import { sharedStyles } from "../../styles/shared.styles";
import { catalogueImportedEvent } from "./catalogue-imported-event";

/**
 * @summary Imports a catalogue file (issue 4): choose an XLSX or CSV, preview what would be added,
 * changed and refused (with each row's reason), then apply. Apply is offered only for a clean preview.
 * @event rsu-catalogue-imported - Applied; the catalogue changed.
 * @event rsu-form-cancel - Closed.
 * @event rsu-session-expired - The API answered 401.
 */
export default class RsuCatalogueImport extends LitElement {
  static override styles = [
    sharedStyles,
    css`
    section { border: 1px solid var(--rsu-border, #ccc); padding: 1rem; margin-block: 1rem; }
    .counts { display: flex; gap: 1.5rem; flex-wrap: wrap; }
    .actions { display: flex; gap: 0.5rem; margin-block-start: 0.75rem; }
    code { font-family: monospace; }
  `,
  ];
  static override properties = {
    file: { state: true },
    result: { state: true },
    busy: { state: true },
    failure: { state: true },
  };

  file: File | null = null;
  /** The last preview of the chosen file, or the refused apply. */
  result: ImportResult | null = null;
  busy = false;
  failure = "";

  constructor() {
    super();
    new LanguageController(this);
  }

  private choose(event: Event) {
    this.file = (event.target as HTMLInputElement).files?.[0] ?? null;
    this.result = null;
    this.failure = "";
  }

  private async send(mode: "preview" | "apply") {
    if (!this.file) return;
    this.busy = true;
    this.failure = "";
    try {
      const result = await importCatalogueFile(this.file, mode);
      this.result = result;
      if (result.applied) this.dispatchEvent(catalogueImportedEvent(result));
    } catch (error) {
      if (error instanceof ApiError && error.unauthenticated) this.dispatchEvent(sessionExpiredEvent());
      else this.failure = failureText(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const result = this.result;
    const clean = result && !result.refused.length && result.added.length + result.changed.length > 0;
    return html`<section aria-labelledby="import-heading">
      <h3 id="import-heading">${t("importHeading")}</h3>
      <p>${t("importHint")}</p>
      <label>${t("importFile")}
        <input type="file" name="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" @change=${this.choose} />
      </label>
      <div class="actions">
        <button ?disabled=${!this.file || this.busy} @click=${() => this.send("preview")}>${t("importPreview")}</button>
        <button ?disabled=${!clean || this.busy || result?.applied} @click=${() => this.send("apply")}>${t("importApply")}</button>
        <button class="secondary" @click=${() => this.dispatchEvent(formCancelEvent())}>${t("close")}</button>
      </div>
      ${this.failure ? html`<p class="status error" role="alert">${this.failure}</p>` : nothing}
      <div role="status">${result ? this.renderResult(result) : nothing}</div>
    </section>`;
  }

  private renderResult(result: ImportResult) {
    if (result.applied) {
      return html`<p class="status success">${t("importApplied", { added: result.added.length, changed: result.changed.length })}</p>`;
    }
    return html`
      <p class="counts">
        <span>${t("importAdded", { count: result.added.length })}</span>
        <span>${t("importChanged", { count: result.changed.length })}</span>
        <span>${t("importUnchanged", { count: result.unchanged })}</span>
        <span>${t("importRefused", { count: result.refused.length })}</span>
      </p>
      ${
        result.refused.length
          ? html`<div class="status error" role="alert">
            <p>${t("importRefusedHint")}</p>
            <ul>${result.refused.map(
              (r) => html`<li>
              ${t("importRow", { sheet: r.sheet, row: r.row })}${r.column ? html` (<code>${r.column}</code>)` : nothing}${r.entry ? html` — <code>${r.entry}</code>` : nothing} :
              ${pick(r.message)}${r.usedBy?.length ? html` — ${t("importUsedBy", { forms: r.usedBy.map((u) => `${u.formId} v${u.version}`).join(", ") })}` : nothing}
            </li>`,
            )}</ul>
          </div>`
          : !result.added.length && !result.changed.length
            ? html`<p class="status">${t("importNothing")}</p>`
            : nothing
      }
      ${
        result.added.length
          ? html`<h4>${t("importAddedHeading")}</h4>
        <ul>${result.added.map((a) => html`<li>${tCode("importKind_", a.kind)} <code>${a.code}</code></li>`)}</ul>`
          : nothing
      }
      ${
        result.changed.length
          ? html`<h4>${t("importChangedHeading")}</h4>
        <ul>${result.changed.map((c) => html`<li>${tCode("importKind_", c.kind)} <code>${c.code}</code> : ${c.fields.map((f) => f.field).join(", ")}</li>`)}</ul>`
          : nothing
      }
    `;
  }
}
