import { html, LitElement, nothing } from "lit";
import { formatDate, getLanguage, LanguageController, pick, t } from "../../i18n";
import "../rsu-designer-sign-in/rsu-designer-sign-in";
import { getCurrentUser, signOut, type SignedInUser } from "../rsu-designer-sign-in/sign-in-api";
import { labelOf, loadCodeLabels, type CodeLabels } from "./code-labels";
import { renderHeader } from "./header-view";
import { renderHouseholdDetail } from "./household-detail-view";
import { getHousehold, listHouseholds, RegistryError, type HouseholdDetail, type HouseholdPage } from "./registry-api";
import styles from "./rsu-registry-browser.styles";

const PAGE_SIZE = 20;

/**
 * @summary The back office's view of the registry: households filtered by commune and head's name, and
 * one household with its members.
 */
export default class RsuRegistryBrowser extends LitElement {
  static override styles = styles;
  static override properties = {
    page: { state: true },
    household: { state: true },
    failure: { state: true },
    loading: { state: true },
    labels: { state: true },
    user: { state: true },
    sessionEnded: { state: true },
  };

  /** undefined while the session is checked, null when nobody is signed in. */
  user?: SignedInUser | null;
  sessionEnded = false;

  page?: HouseholdPage;
  household?: HouseholdDetail;
  /** Why the last load failed, in words; null when it did not. */
  failure: string | null = null;
  loading = false;
  /** Empty until the published masks are read; codes are shown as they are meanwhile. */
  labels: CodeLabels = new Map();

  private commune = "";
  private name = "";
  private offset = 0;
  private abort?: AbortController;
  private retry: () => void = () => this.loadPage();

  constructor() {
    super();
    new LanguageController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    getCurrentUser()
      .catch(() => null)
      .then((user) => (user ? this.start(user) : (this.user = null)));
  }

  private start(user: SignedInUser) {
    this.user = user;
    this.sessionEnded = false;
    this.loadPage();
    loadCodeLabels()
      .then((labels) => (this.labels = labels))
      .catch(() => {});
  }

  private async handleSignOut() {
    await signOut().catch(() => {});
    this.user = null;
    this.household = undefined;
    this.page = undefined;
  }

  /** A code in words, "Moroni"; the bare code when its label is unknown. */
  private readonly describe = (variable: string, code: string | null): string => {
    const label = labelOf(this.labels, variable, code);
    return label ? pick(label) : (code ?? "");
  };

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.abort?.abort();
  }

  private loadPage() {
    const query = { commune: this.commune, q: this.name, limit: PAGE_SIZE, offset: this.offset };
    this.retry = () => this.loadPage();
    void this.run(async (signal) => {
      this.page = await listHouseholds(query, signal);
    });
  }

  private openHousehold(id: string) {
    this.retry = () => this.openHousehold(id);
    void this.run(async (signal) => {
      this.household = await getHousehold(id, signal);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(".detail-heading")?.focus();
    });
  }

  /** One request at a time: a newer search cancels the older one so results never arrive out of order. */
  private async run(load: (signal: AbortSignal) => Promise<void>) {
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    this.loading = true;
    this.failure = null;
    try {
      await load(abort.signal);
    } catch (error) {
      if (abort.signal.aborted) return;
      if (error instanceof RegistryError && error.status === 401) {
        this.user = null;
        this.sessionEnded = true;
        return;
      }
      this.failure = error instanceof RegistryError && error.problem ? pick(error.problem) : t("loadFailed");
    } finally {
      if (this.abort === abort) this.loading = false;
    }
  }

  private handleSearch(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    this.commune = String(form.get("commune") ?? "").trim();
    this.name = String(form.get("q") ?? "").trim();
    this.offset = 0;
    this.loadPage();
  }

  private handleReset() {
    this.commune = "";
    this.name = "";
    this.offset = 0;
    this.loadPage();
  }

  private handleTurn(delta: number) {
    this.offset = Math.max(0, this.offset + delta * PAGE_SIZE);
    this.loadPage();
  }

  private handleBack() {
    this.household = undefined;
    this.failure = null;
    this.retry = () => this.loadPage();
  }

  override render() {
    document.title = t("appTitle");
    return html`
      ${renderHeader(this.user, () => this.handleSignOut())}
      <main>${this.renderMain()}</main>
    `;
  }

  private renderMain() {
    if (this.user === undefined) return html`<p role="status">${t("loading")}</p>`;
    if (this.user === null) {
      return html`<rsu-designer-sign-in
        .notice=${this.sessionEnded ? t("sessionExpired") : ""}
        @rsu-signed-in=${(event: CustomEvent<{ user: SignedInUser }>) => this.start(event.detail.user)}
      ></rsu-designer-sign-in>`;
    }
    return html`
      ${this.failure
        ? html`<div class="status error" role="alert">
            <p>${this.failure}</p>
            <button @click=${() => this.retry()}>${t("retry")}</button>
          </div>`
        : nothing}
      ${this.household ? renderHouseholdDetail(this.household, this.describe, () => this.handleBack()) : this.renderList()}
    `;
  }

  private renderList() {
    return html`
      <h2>${t("householdsHeading")}</h2>
      <form role="search" @submit=${this.handleSearch} @reset=${this.handleReset}>
        ${this.renderCommuneFilter()}
        <label>${t("filterName")} <input name="q" type="search" .value=${this.name} autocomplete="off" /></label>
        <button type="submit">${t("search")}</button>
        <button type="reset" class="secondary">${t("reset")}</button>
      </form>
      <p role="status">${this.loading ? t("loading") : this.page ? t("householdsCount", { count: this.page.total }) : ""}</p>
      ${this.page?.items.length ? this.renderTable(this.page) : this.page && !this.loading ? html`<p class="status">${t("noHouseholds")}</p>` : nothing}
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

  private renderTable(page: HouseholdPage) {
    const pages = Math.max(1, Math.ceil(page.total / PAGE_SIZE));
    const current = Math.floor(this.offset / PAGE_SIZE) + 1;
    return html`
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">${t("colHead")}</th>
              <th scope="col">${t("colIsland")}</th>
              <th scope="col">${t("colPrefecture")}</th>
              <th scope="col">${t("colCommune")}</th>
              <th scope="col">${t("colVillage")}</th>
              <th scope="col">${t("colMembers")}</th>
              <th scope="col">${t("colCreated")}</th>
            </tr>
          </thead>
          <tbody>
            ${page.items.map((h) => {
              const name = h.headName || t("unnamed");
              return html`<tr>
                <td>
                  <button class="link" aria-label=${t("open", { name })} @click=${() => this.openHousehold(h.id)}>${name}</button>
                </td>
                <td>${this.describe("island", h.island)}</td>
                <td>${this.describe("prefecture", h.prefecture)}</td>
                <td>${this.describe("commune", h.commune)}</td>
                <td>${h.village ?? ""}</td>
                <td class="number">${h.memberCount}</td>
                <td>${formatDate(h.createdAt, true)}</td>
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
      <nav class="pager" aria-label=${t("pageOf", { page: current, pages })}>
        <button class="secondary" ?disabled=${current <= 1} @click=${() => this.handleTurn(-1)}>${t("previous")}</button>
        <span>${t("pageOf", { page: current, pages })}</span>
        <button class="secondary" ?disabled=${current >= pages} @click=${() => this.handleTurn(1)}>${t("next")}</button>
      </nav>
    `;
  }
}
