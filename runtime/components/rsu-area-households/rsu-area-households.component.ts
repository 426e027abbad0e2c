import { html, LitElement, nothing } from "lit";
import type { HouseholdPage } from "../../../schemas/contracts/api";
import { AREA_VARIABLES, describeCode, loadCodeLabels, type CodeLabels } from "../../shared/code-labels";
import { listAreaHouseholds } from "../../api-client";
import { pagerStyles, renderPager } from "../../shared/pager-view";
import { tableStyles } from "../../shared/styles";
import { LanguageController } from "../../shared/language.controller";
import { LatestRequestController } from "../../shared/latest-request.controller";
import { renderLoadFailure } from "../../shared/load-failure-view";
import { formatDate, pick, t } from "../../i18n";
import { sharedStyles } from "../../styles/shared.styles";
import styles from "./rsu-area-households.styles";

const PAGE_SIZE = 25;

/**
 * @summary The households already in the registry for the clerk's areas, so the clerk sees who is
 * recorded before going to a door. The API limits the list to the clerk's areas.
 * @event rsu-session-expired - The API answered 401.
 */
export default class RsuAreaHouseholds extends LitElement {
  static override styles = [sharedStyles, tableStyles, pagerStyles, styles];
  static override properties = {
    areas: { attribute: false },
    page: { state: true },
    labels: { state: true },
  };

  /** The clerk's assigned area codes, to say which zone the list covers. */
  areas: string[] = [];
  page?: HouseholdPage;
  /** Empty until the published masks are read; codes are shown as they are meanwhile. */
  labels: CodeLabels = new Map();

  private offset = 0;
  private readonly requests = new LatestRequestController(this);

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

  private load() {
    return this.requests.run(async (signal) => {
      this.page = await listAreaHouseholds(PAGE_SIZE, this.offset, signal);
    });
  }

  private handleTurn(delta: number) {
    this.offset = Math.max(0, this.offset + delta * PAGE_SIZE);
    void this.load();
  }

  override render() {
    const areas = this.areas.length ? this.areas.map((code) => describeCode(this.labels, AREA_VARIABLES, code, pick)).join(", ") : t("areaNone");
    const { loading, error } = this.requests;
    return html`
      <h2>${t("areaHeading")}</h2>
      <p>${t("areaIntro", { areas })}</p>
      ${error !== undefined
        ? renderLoadFailure(t("areaFailed"), () => this.load())
        : nothing}
      <p role="status">${loading ? t("areaLoading") : this.page ? t("areaCount", { count: this.page.total }) : ""}</p>
      ${this.page?.items.length ? this.renderTable(this.page) : this.page && !loading ? html`<p class="status">${t("areaEmpty")}</p>` : nothing}
    `;
  }

  private renderTable(page: HouseholdPage) {
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
      ${page.total > PAGE_SIZE ? renderPager(this.offset, PAGE_SIZE, page.total, (delta) => this.handleTurn(delta)) : nothing}
    `;
  }
}
