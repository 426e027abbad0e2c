import { html, nothing } from "lit";
import type { HouseholdPage } from "../../../schemas/contracts/api";
import { AREA_VARIABLES, describeCode, loadCodeLabels, type CodeLabels } from "../../shared/code-labels";
import { getHouseholdAnswers, listAreaHouseholds } from "../../api-client";
import { AnswersOpener } from "../answers-opener.controller";
import { pagerStyles, renderPager } from "../../shared/pager-view";
import { tableStyles } from "../../shared/styles";
import { PagedScreen } from "../../shared/loading-screen";
import { renderLoadFailure } from "../../shared/load-failure-view";
import { formatDate, pick, t } from "../../i18n";
import { sharedStyles } from "../../styles/shared.styles";
import styles from "./rsu-area-households.styles";

const PAGE_SIZE = 25;

/**
 * @summary The households already in the registry for the clerk's areas, so the clerk sees who is
 * recorded before going to a door, and updates one (« Mettre à jour »: its answers prefilled). The API
 * limits the list to the clerk's areas.
 * @event rsu-answers-open - A household's answers to open prefilled, for an update.
 * @event rsu-session-expired - The API answered 401.
 */
export default class RsuAreaHouseholds extends PagedScreen<HouseholdPage> {
  static override styles = [sharedStyles, tableStyles, pagerStyles, styles];
  static override properties = {
    areas: { attribute: false },
    page: { state: true },
    labels: { state: true },
  };

  /** The clerk's assigned area codes, to say which zone the list covers. */
  areas: string[] = [];
  /** Empty until the published masks are read; codes are shown as they are meanwhile. */
  labels: CodeLabels = new Map();

  protected readonly pageSize = PAGE_SIZE;
  private readonly opener = new AnswersOpener(this);

  override connectedCallback(): void {
    super.connectedCallback();
    loadCodeLabels()
      .then((labels) => (this.labels = labels))
      .catch(() => {});
  }

  protected fetchPage(limit: number, offset: number, signal: AbortSignal) {
    return listAreaHouseholds(limit, offset, signal);
  }

  override render() {
    const areas = this.areas.length
      ? this.areas.map((code) => describeCode(this.labels, AREA_VARIABLES, code, pick)).join(", ")
      : t("areaNone");
    const { loading, error } = this.requests;
    return html`
      <h2>${t("areaHeading")}</h2>
      <p>${t("areaIntro", { areas })}</p>
      ${error !== undefined ? renderLoadFailure(t("areaFailed"), () => this.load()) : nothing}
      ${this.opener.failed ? html`<p class="status error" role="alert">${t("openFailed")}</p>` : nothing}
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
              <th scope="col">${t("colActions")}</th>
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
                <td>
                  <button class="secondary" ?disabled=${this.opener.busy} aria-label=${t("updateHouseholdLabel", { name: h.headName || t("unnamed") })}
                    @click=${() => this.opener.open(() => getHouseholdAnswers(h.id))}>${t("updateHousehold")}</button>
                </td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${page.total > PAGE_SIZE ? renderPager(this.offset, PAGE_SIZE, page.total, (delta) => this.turn(delta)) : nothing}
    `;
  }
}
