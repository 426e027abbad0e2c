import { html, LitElement, nothing } from "lit";
import type { HouseholdPage } from "../../../designer/api/households";
import { AREA_VARIABLES, describeCode, loadCodeLabels, type CodeLabels } from "../../../designer/api/code-labels";
import { ApiError } from "../../api-client";
import { LanguageController } from "../../controllers/language.controller";
import { sessionExpiredEvent } from "../../events/rsu-session-expired";
import { formatDate, pick, t } from "../../i18n";
import { sharedStyles } from "../../styles/shared.styles";
import styles from "./rsu-area-households.styles";
import { listAreaHouseholds } from "./area-households-api";

const PAGE_SIZE = 25;

/**
 * @summary The households already in the registry for the clerk's areas, so the clerk sees who is
 * recorded before going to a door. The API limits the list to the clerk's areas.
 * @event rsu-session-expired - The API answered 401.
 */
export default class RsuAreaHouseholds extends LitElement {
  static override styles = [sharedStyles, styles];
  static override properties = {
    areas: { attribute: false },
    page: { state: true },
    labels: { state: true },
    failed: { state: true },
    loading: { state: true },
  };

  /** The clerk's assigned area codes, to say which zone the list covers. */
  areas: string[] = [];
  page?: HouseholdPage;
  /** Empty until the published masks are read; codes are shown as they are meanwhile. */
  labels: CodeLabels = new Map();
  failed = false;
  loading = false;

  private offset = 0;
  private abort?: AbortController;

  constructor() {
    super();
    new LanguageController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    loadCodeLabels()
      .then((labels) => (this.labels = labels))
      .catch(() => {});
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.abort?.abort();
  }

  private async load() {
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    this.failed = false;
    this.loading = true;
    try {
      this.page = await listAreaHouseholds(PAGE_SIZE, this.offset, abort.signal);
    } catch (error) {
      if (abort.signal.aborted) return;
      this.failed = true;
      if (error instanceof ApiError && error.unauthenticated) this.dispatchEvent(sessionExpiredEvent());
    } finally {
      if (this.abort === abort) this.loading = false;
    }
  }

  private handleTurn(delta: number) {
    this.offset = Math.max(0, this.offset + delta * PAGE_SIZE);
    void this.load();
  }

  override render() {
    const areas = this.areas.length ? this.areas.map((code) => describeCode(this.labels, AREA_VARIABLES, code, pick)).join(", ") : t("areaNone");
    return html`
      <h2>${t("areaHeading")}</h2>
      <p>${t("areaIntro", { areas })}</p>
      ${this.failed
        ? html`<div class="status error" role="alert">
            <p>${t("areaFailed")}</p>
            <button @click=${() => this.load()}>${t("retry")}</button>
          </div>`
        : nothing}
      <p role="status">${this.loading ? t("areaLoading") : this.page ? t("areaCount", { count: this.page.total }) : ""}</p>
      ${this.page?.items.length ? this.renderTable(this.page) : this.page && !this.loading ? html`<p class="status">${t("areaEmpty")}</p>` : nothing}
    `;
  }

  private renderTable(page: HouseholdPage) {
    const pages = Math.max(1, Math.ceil(page.total / PAGE_SIZE));
    const current = Math.floor(this.offset / PAGE_SIZE) + 1;
    return html`
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">${t("colHead")}</th>
              <th scope="col">${t("colPrefecture")}</th>
              <th scope="col">${t("colCommune")}</th>
              <th scope="col">${t("colVillage")}</th>
              <th scope="col" class="number">${t("colMembers")}</th>
              <th scope="col">${t("colRecorded")}</th>
            </tr>
          </thead>
          <tbody>
            ${page.items.map(
              (h) => html`<tr>
                <th scope="row">${h.headName || t("unnamed")}</th>
                <td>${describeCode(this.labels, ["prefecture"], h.prefecture, pick)}</td>
                <td>${describeCode(this.labels, ["commune"], h.commune, pick)}</td>
                <td>${h.village ?? ""}</td>
                <td class="number">${h.memberCount}</td>
                <td class="date">${formatDate(h.createdAt)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${pages > 1
        ? html`<nav class="pager" aria-label=${t("pageOf", { page: current, pages })}>
            <button class="secondary" ?disabled=${current <= 1} @click=${() => this.handleTurn(-1)}>${t("previous")}</button>
            <span>${t("pageOf", { page: current, pages })}</span>
            <button class="secondary" ?disabled=${current >= pages} @click=${() => this.handleTurn(1)}>${t("next")}</button>
          </nav>`
        : nothing}
    `;
  }
}
