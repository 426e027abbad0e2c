import { css, html, nothing } from "lit";
import { LoadingScreen } from "../../../runtime/shared/loading-screen";
import { LatestRequestController } from "../../../runtime/shared/latest-request.controller";
import { renderLoadFailure } from "../../../runtime/shared/load-failure-view";
import { ApiError } from "../../../runtime/shared/request";
import { sessionExpiredEvent } from "../../../runtime/shared/events/rsu-session-expired";
import { listImports, uploadImport, type ImportView } from "../../api/imports";
import { failureText } from "../../api/failure-text";
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
      ${this.imports?.length ? this.renderTable(this.imports) : this.imports ? html`<p class="status">${t("noImports")}</p>` : nothing}
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

  private renderTable(imports: ImportView[]) {
    return html`<div class="table-wrap"><table>
      <thead><tr>
        <th scope="col">${t("colImportCreated")}</th>
        <th scope="col">${t("colImportFiles")}</th>
        <th scope="col">${t("colImportDelivery")}</th>
        <th scope="col">${t("colImportStatus")}</th>
        <th scope="col">${t("colImportCounts")}</th>
        <th scope="col"></th>
      </tr></thead>
      <tbody>
        ${imports.map(
          (i) => html`<tr>
          <td>${formatDate(i.createdAt, "compact")}</td>
          <td>${[i.files.households?.name, i.files.individuals?.name].filter(Boolean).join(", ")}</td>
          <td><code>${i.delivery.slice(0, 20)}</code></td>
          <td>${tCode("importStatus_", i.status)}</td>
          <td class="number">${i.summary ? i.summary.households : "—"}</td>
          <td><button type="button" class="secondary small" aria-label=${`${t("openImport")} ${i.id.slice(0, 8)}`} @click=${() => this.open(i.id)}>${t("openImport")}</button></td>
        </tr>`,
        )}
      </tbody>
    </table></div>`;
  }
}
