import { html, LitElement, nothing } from "lit";
import { labelOf, type CodeLabels } from "../../../kit/code-labels";
import type { HouseholdDetail, HouseholdPage, HouseholdListItem } from "../../../schemas/contracts/api";
import { getHousehold, listHouseholds } from "../../api/households";
import { LatestRequestController } from "../../../kit/latest-request.controller";
import { renderLoadFailure } from "../../../kit/load-failure-view";
import { failureText } from "../../api/failure-text";
import { formatDate, getLanguage, LanguageController, pick, t } from "../../i18n";
import { sharedStyles } from "../../styles/shared.styles";
import { PagedTable, type TableColumn } from "../../../kit/paged-table";
import { VariableNames } from "../file-list/variable-names";
import { householdFiles, renderHouseholdDetail } from "./household-detail-view";
import "../rsu-household-history/rsu-household-history";
import styles from "./rsu-registry-browser.styles";
import { fileListStyles } from "../file-list/file-list-view";

const PAGE_SIZE = 20;

/**
 * @summary The back office's view of the registry: households filtered by commune and head's name, and
 * one household with its members.
 * @event rsu-session-expired - The API answered 401.
 */
export default class RsuRegistryBrowser extends LitElement {
  static override styles = [sharedStyles, fileListStyles, styles];
  static override properties = {
    labels: { attribute: false },
    canReturn: { type: Boolean },
    page: { state: true },
    household: { state: true },
  };

  /** Labels of codes, from the published masks; codes are shown as they are until they arrive. */
  labels: CodeLabels = new Map();
  /** Whether the reader may send a household's submissions back to their clerk (supervisors, administrators). */
  canReturn = false;

  page?: HouseholdPage;
  household?: HouseholdDetail;

  private readonly variables = new VariableNames();
  private commune = "";
  private name = "";
  private readonly requests = new LatestRequestController(this);
  private readonly table = new PagedTable(this, PAGE_SIZE, () => this.loadPage());
  private retry: () => void = () => this.loadPage();

  constructor() {
    super();
    new LanguageController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.loadPage();
  }

  /** A code in words, "Moroni"; the bare code when its label is unknown. */
  private readonly describe = (variable: string, code: string | null): string => {
    const label = labelOf(this.labels, variable, code);
    return label ? pick(label) : (code ?? "");
  };

  private loadPage() {
    const query = { commune: this.commune, q: this.name, limit: PAGE_SIZE, offset: this.table.offset };
    this.retry = () => this.loadPage();
    void this.requests.run(async (signal) => {
      this.page = await listHouseholds(query, signal);
    });
  }

  private openHousehold(id: string) {
    this.retry = () => this.openHousehold(id);
    void this.requests.run(async (signal) => {
      const household = await getHousehold(id, signal);
      await this.variables.learn(householdFiles(household).map((f) => f.variable));
      this.household = household;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(".detail-heading")?.focus();
    });
  }

  private handleSearch(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    this.commune = String(form.get("commune") ?? "").trim();
    this.name = String(form.get("q") ?? "").trim();
    this.table.restart();
  }

  private handleReset() {
    this.commune = "";
    this.name = "";
    this.table.restart();
  }

  private handleBack() {
    this.household = undefined;
    this.requests.clearError();
    this.retry = () => this.loadPage();
  }

  override render() {
    return html`
      ${this.requests.failed ? renderLoadFailure(failureText(this.requests.error, "registryLoadFailed"), () => this.retry()) : nothing}
      ${
        this.household
          ? html`${renderHouseholdDetail(this.household, this.describe, this.variables.name, () => this.handleBack())}
            <rsu-household-history .householdId=${this.household.id} .canReturn=${this.canReturn}></rsu-household-history>`
          : this.renderList()
      }
    `;
  }

  private renderList() {
    return html`
      <h2>${t("householdsHeading")}</h2>
      <form class="filters" role="search" @submit=${this.handleSearch} @reset=${this.handleReset}>
        ${this.renderCommuneFilter()}
        <label>${t("filterName")} <input name="q" type="search" .value=${this.name} autocomplete="off" /></label>
        <button type="submit">${t("search")}</button>
        <button type="reset" class="secondary">${t("reset")}</button>
      </form>
      <p role="status">${this.requests.loading ? t("loading") : this.page ? t("householdsCount", { count: this.page.total }) : ""}</p>
      ${this.table.render({ label: t("householdsHeading"), columns: this.columns(), page: this.page, loading: this.requests.loading, empty: t("noHouseholds") })}
    `;
  }

  /** A list of the communes' names when they are known, else a box for the code. */
  private renderCommuneFilter() {
    const communes = [...(this.labels.get("commune") ?? new Map<string, never>()).entries()]
      .map(([code, label]) => ({ code, name: pick(label) }))
      .sort((a, b) => a.name.localeCompare(b.name, getLanguage()));
    if (!communes.length) {
      return html`<label>${t("filterCommuneCode")} <input name="commune" .value=${this.commune} autocomplete="off" size="10" /></label>`;
    }
    return html`<label
      >${t("filterCommune")}
      <select name="commune">
        <option value="" ?selected=${!this.commune}>${t("allCommunes")}</option>
        ${communes.map((c) => html`<option value=${c.code} ?selected=${c.code === this.commune}>${c.name} (${c.code})</option>`)}
      </select>
    </label>`;
  }

  private columns(): TableColumn<HouseholdListItem>[] {
    const byText = (text: (h: HouseholdListItem) => string) => (a: HouseholdListItem, b: HouseholdListItem) =>
      text(a).localeCompare(text(b), getLanguage());
    const headName = (h: HouseholdListItem) => h.headName || t("unnamed");
    return [
      {
        header: t("colHead"),
        cell: (h) =>
          html`<button class="link" aria-label=${t("open", { name: headName(h) })} @click=${() => this.openHousehold(h.id)}>${headName(h)}</button>`,
        compare: byText(headName),
      },
      { header: t("colIsland"), cell: (h) => this.describe("island", h.island), compare: byText((h) => this.describe("island", h.island)) },
      {
        header: t("colPrefecture"),
        cell: (h) => this.describe("prefecture", h.prefecture),
        compare: byText((h) => this.describe("prefecture", h.prefecture)),
      },
      {
        header: t("colCommune"),
        cell: (h) => this.describe("commune", h.commune),
        compare: byText((h) => this.describe("commune", h.commune)),
      },
      { header: t("colVillage"), cell: (h) => h.village ?? "", compare: byText((h) => h.village ?? "") },
      { header: t("colMembers"), cell: (h) => h.memberCount, numeric: true, compare: (a, b) => a.memberCount - b.memberCount },
      { header: t("colCreated"), cell: (h) => formatDate(h.createdAt, true), compare: (a, b) => a.createdAt.localeCompare(b.createdAt) },
    ];
  }
}
