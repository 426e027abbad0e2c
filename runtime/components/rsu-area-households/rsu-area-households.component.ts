import { html, nothing } from "lit";
import type { HouseholdPage, HouseholdListItem } from "../../../schemas/contracts/api";
import { AREA_VARIABLES, describeCode, loadCodeLabels, type CodeLabels } from "../../../kit/code-labels";
import { getHouseholdAnswers, listAreaHouseholds } from "../../api-client";
import { AnswersOpener } from "../answers-opener.controller";
import { PagedTable, pagedTableStyles, type TableColumn } from "../../../kit/paged-table";
import { PagedScreen } from "../../../kit/loading-screen";
import { renderLoadFailure } from "../../../kit/load-failure-view";
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
  static override styles = [sharedStyles, pagedTableStyles, styles];
  static override properties = {
    areas: { attribute: false },
    page: { state: true },
    labels: { state: true },
  };

  /** The clerk's assigned area codes, to say which zone the list covers. */
  areas: string[] = [];
  /** Empty until the published masks are read; codes are shown as they are meanwhile. */
  labels: CodeLabels = new Map();

  protected readonly table = new PagedTable(this, PAGE_SIZE, () => void this.load());
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
      ${this.table.render({ label: t("areaHeading"), columns: this.columns(), page: this.page, loading, empty: t("areaEmpty") })}
    `;
  }

  private columns(): TableColumn<HouseholdListItem>[] {
    const name = (h: HouseholdListItem) => h.headName || t("unnamed");
    return [
      { header: t("colHead"), rowHeader: true, cell: name },
      { header: t("colPrefecture"), cell: (h) => describeCode(this.labels, ["prefecture"], h.prefecture, pick) },
      { header: t("colCommune"), cell: (h) => describeCode(this.labels, ["commune"], h.commune, pick) },
      { header: t("colVillage"), cell: (h) => h.village ?? "" },
      { header: t("colMembers"), numeric: true, cell: (h) => h.memberCount },
      { header: t("colRecorded"), cellClass: "date", cell: (h) => formatDate(h.createdAt) },
      {
        header: t("colActions"),
        cell: (h) => html`<button class="secondary" ?disabled=${this.opener.busy} aria-label=${t("updateHouseholdLabel", { name: name(h) })}
          @click=${() => this.opener.open(() => getHouseholdAnswers(h.id))}>${t("updateHousehold")}</button>`,
      },
    ];
  }
}
