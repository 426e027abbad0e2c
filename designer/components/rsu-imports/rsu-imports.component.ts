import { css, html, nothing } from "lit";
import { LoadingScreen } from "../../../kit/loading-screen";
import { LatestRequestController } from "../../../kit/latest-request.controller";
import { renderLoadFailure } from "../../../kit/load-failure-view";
import { ApiError } from "../../../kit/request";
import { sessionExpiredEvent } from "../../../kit/events/rsu-session-expired";
import { listImports, uploadImport, type ImportView } from "../../api/imports";
import { failureText } from "../../api/failure-text";
import { byNumber, byText, RecordTable, type TableColumn } from "../../../kit/paged-table";
import { formatDate, t, tCode } from "../../i18n";
import { sharedStyles } from "../../styles/shared.styles";
import "../rsu-import-detail/rsu-import-detail";

/** `#importations/<id>` opens one import (a household's history links there). */
const openedFromAddress = () => /^importations\/([0-9a-f-]{36})$/.exec(location.hash.slice(1))?.[1] ?? "";

/**
 * @summary « Importations » (issue #19): send a partner's files as a new import, and the history of
 * imports; one opened shows its profile, dry run, run and summary (rsu-import-detail).
 * @event rsu-session-expired - The API answered 401.
 */
export default class RsuImports extends LoadingScreen {
  static override styles = [
    sharedStyles,
    css`
      input[type="file"] { min-height: 44px; }
    `,
  ];
  static override properties = {
    imports: { state: true },
    opened: { state: true },
    busy: { state: true },
    notice: { state: true },
    failure: { state: true },
  };

  imports?: ImportView[];
  opened = openedFromAddress();
  busy = false;
  notice = "";
  failure = "";
  private readonly requests = new LatestRequestController(this);
  private readonly table = new RecordTable(this);

  protected override load() {
    return this.requests.run(async (signal) => {
      this.imports = await listImports(signal);
    });
  }

  private async handleUpload(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const households = data.get("households") as File | null;
    const individuals = data.get("individuals") as File | null;
    const delivery = String(data.get("delivery") ?? "").trim();
    this.notice = "";
    this.failure = "";
    if (!households?.size) {
      this.failure = t("chooseFile");
      return;
    }
    this.busy = true;
    try {
      let view = await uploadImport(households, delivery);
      if (individuals?.size) view = await uploadImport(individuals, delivery, view.id);
      this.notice = t("uploaded", { rows: view.files.households?.rows ?? 0 });
      form.reset();
      this.open(view.id);
      await this.load();
    } catch (error) {
      if (error instanceof ApiError && error.unauthenticated) return void this.dispatchEvent(sessionExpiredEvent());
      this.failure = failureText(error);
    } finally {
      this.busy = false;
    }
  }

  private open(id: string) {
    this.opened = id;
    history.replaceState(null, "", id ? `#importations/${id}` : "#importations");
  }

  override render() {
    return html`
      <h2>${t("importsHeading")}</h2>
      <p>${t("importsIntro")}</p>
      ${
        this.opened
          ? html`<rsu-import-detail .importId=${this.opened} @rsu-import-changed=${() => void this.load()}></rsu-import-detail>
            <div class="actions"><button type="button" class="secondary" @click=${() => this.open("")}>${t("closeImport")}</button></div>`
          : this.renderUpload()
      }
      ${this.requests.failed ? renderLoadFailure(failureText(this.requests.error), () => void this.load()) : nothing}
      <h3>${t("importsHistoryHeading")}</h3>
      ${this.table.render({ label: t("importsHistoryHeading"), columns: this.columns(), rows: this.imports, loading: this.requests.loading, empty: t("noImports") })}
    `;
  }

  private renderUpload() {
    return html`<form class="panel" novalidate @submit=${this.handleUpload}>
      <h3>${t("uploadHeading")}</h3>
      ${this.failure ? html`<p class="status error" role="alert">${this.failure}</p>` : nothing}
      <div class="field">
        <label for="households">${t("householdsFile")}</label>
        <input id="households" name="households" type="file" accept=".csv,.xlsx,.dta,.sav" />
      </div>
      <div class="field">
        <label for="individuals">${t("individualsFile")}</label>
        <input id="individuals" name="individuals" type="file" accept=".csv,.xlsx,.dta,.sav" />
      </div>
      <div class="field">
        <label for="delivery">${t("deliveryName")}</label>
        <input id="delivery" name="delivery" type="text" maxlength="64" autocomplete="off" />
      </div>
      <div class="actions"><button type="submit" ?disabled=${this.busy}>${t("uploadImport")}</button></div>
      <p role="status">${this.notice}</p>
    </form>`;
  }

  private columns(): TableColumn<ImportView>[] {
    return [
      { header: t("colImportCreated"), cell: (i) => formatDate(i.createdAt, "compact"), compare: byText((i) => i.createdAt) },
      { header: t("colImportFiles"), cell: (i) => [i.files.households?.name, i.files.individuals?.name].filter(Boolean).join(", ") },
      { header: t("colImportDelivery"), cell: (i) => html`<code>${i.delivery.slice(0, 20)}</code>`, compare: byText((i) => i.delivery) },
      {
        header: t("colImportStatus"),
        cell: (i) => tCode("importStatus_", i.status),
        compare: byText((i) => tCode("importStatus_", i.status)),
      },
      {
        header: t("colImportCounts"),
        numeric: true,
        cell: (i) => (i.summary ? i.summary.households : "—"),
        compare: byNumber((i) => i.summary?.households ?? -1),
      },
      {
        header: t("colActions"),
        cell: (i) =>
          html`<button type="button" class="secondary small" aria-label=${`${t("openImport")} ${i.id.slice(0, 8)}`} @click=${() => this.open(i.id)}>${t("openImport")}</button>`,
      },
    ];
  }
}
