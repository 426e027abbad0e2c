import { html, nothing } from "lit";
import { LoadingScreen } from "../../../kit/loading-screen";
import type { Variable } from "../../../schemas/catalogue/types";
import {
  getVariable,
  listUnits,
  listVariableRevisions,
  searchVariables,
  type UsedBy,
  type VariablePage,
  type VariableRevision,
} from "../../api/catalogue";
import type { RsuVariableSavedEvent } from "../../events/rsu-variable-saved";
import "../rsu-variable-form/rsu-variable-form";
import { renderVariableDetail } from "./variable-detail-view";
import { failureText } from "../../api/failure-text";
import { ApiError } from "../../../kit/request";
import { sessionExpiredEvent } from "../../../kit/events/rsu-session-expired";
import { LatestRequestController } from "../../../kit/latest-request.controller";
import { renderLoadFailure } from "../../../kit/load-failure-view";
import { PagedTable, type TableColumn } from "../../../kit/paged-table";
import { getLanguage, pick, t, tCode } from "../../i18n";
import { sharedStyles } from "../../styles/shared.styles";
import { NO_FILTERS, renderCatalogueFilters, type CatalogueFilters } from "./catalogue-filters-view";
import styles from "./rsu-catalogue.styles";
import { levelName } from "../../views/level-name";
import { themeName } from "../../views/theme-name";
import { renderCatalogueViews, type CatalogueView } from "./catalogue-views-view";
import "../rsu-code-lists/rsu-code-lists";
import "../rsu-catalogue-import/rsu-catalogue-import";
import "../rsu-catalogue-exports/rsu-catalogue-exports";

const PAGE_SIZE = 50;

/** What the screen shows above the list: nothing, the creation form, or one variable with its use and history. */
type Editing =
  | { kind: "none" }
  | { kind: "create" }
  | { kind: "open"; variable: Variable; usedBy: UsedBy[]; revisions: VariableRevision[] };
/** Long enough to wait for the end of a word, short enough to feel immediate. */
const SEARCH_PAUSE_MS = 300;

/**
 * @summary The variable catalogue (issue 4), for every role: search by code, label or description, filter
 * by theme, level, type, status and sensitivity, a page at a time.
 * @event rsu-session-expired - The API answered 401.
 */
export default class RsuCatalogue extends LoadingScreen {
  static override styles = [sharedStyles, styles];
  static override properties = {
    canWrite: { attribute: false },
    page: { state: true },
    editing: { state: true },
    notice: { state: true },
    openFailure: { state: true },
    view: { state: true },
    importing: { state: true },
    units: { state: true },
  };

  /** Admins and designers edit (`catalogue:write`); the other roles read. */
  canWrite = false;
  page?: VariablePage;
  editing: Editing = { kind: "none" };
  /** What the last save did, said once. */
  notice = "";
  /** Why the variable asked for could not be opened. */
  openFailure = "";
  view: CatalogueView = "variables";
  /** The import panel is open. */
  importing = false;
  /** The catalogue's units of records (plots, livestock), offered by the level filter beside household and individual. */
  units: string[] = [];

  private q = "";
  private filters: CatalogueFilters = NO_FILTERS;
  private searchTimer?: ReturnType<typeof setTimeout>;
  private readonly requests = new LatestRequestController(this);
  private readonly table = new PagedTable(this, PAGE_SIZE, () => void this.load());

  constructor() {
    super();
    this.addEventListener("rsu-variable-saved", (event) => this.handleSaved(event));
    this.addEventListener("rsu-form-cancel", () => (this.editing = { kind: "none" }));
    this.addEventListener("rsu-catalogue-imported", () => {
      this.loadUnits();
      void this.load();
    });
  }

  private async open(code: string) {
    this.notice = "";
    this.openFailure = "";
    // Not through the list's request controller: opening a variable must not cancel a search under way.
    try {
      const [{ usedBy, ...variable }, revisions] = await Promise.all([getVariable(code), listVariableRevisions(code)]);
      this.editing = { kind: "open", variable, usedBy, revisions };
    } catch (error) {
      if (error instanceof ApiError && error.unauthenticated) this.dispatchEvent(sessionExpiredEvent());
      else this.openFailure = failureText(error);
      return;
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(".editing h3, .editing")?.scrollIntoView({ block: "start" });
  }

  private handleSaved(event: RsuVariableSavedEvent) {
    const { variable, created } = event.detail;
    this.editing = { kind: "none" };
    this.notice = t(created ? "variableCreated" : "variableSaved", { code: variable.code });
    this.loadUnits();
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.searchTimer);
  }

  /** Asked on arrival and after a save or an import, which may bring a new unit; a failure leaves the units known. */
  private loadUnits() {
    listUnits().then(
      (units) => (this.units = units),
      () => {},
    );
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.loadUnits();
  }

  protected override load() {
    const query = { q: this.q.trim(), ...this.filters, limit: PAGE_SIZE, offset: this.table.offset };
    return this.requests.run(async (signal) => {
      this.page = await searchVariables(query, signal);
    });
  }

  private handleSearch(q: string) {
    this.q = q;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.table.restart(), SEARCH_PAUSE_MS);
  }

  private handleFilter(filters: CatalogueFilters) {
    this.filters = filters;
    this.table.restart();
  }

  override render() {
    const page = this.page;
    return html`
      <div class="heading">
        <h2>${t("catalogueHeading")}</h2>
        ${this.canWrite && this.editing.kind === "none" && this.view === "variables" ? html`<button @click=${() => (this.editing = { kind: "create" })}>${t("newVariable")}</button>` : nothing}
        ${this.canWrite && !this.importing ? html`<button class="secondary" @click=${() => (this.importing = true)}>${t("importCatalogue")}</button>` : nothing}
      </div>
      ${this.importing ? html`<rsu-catalogue-import @rsu-form-cancel=${() => (this.importing = false)}></rsu-catalogue-import>` : nothing}
      <rsu-catalogue-exports .canWrite=${this.canWrite}></rsu-catalogue-exports>
      ${renderCatalogueViews(this.view, (view) => (this.view = view))}
      ${this.view === "codeLists" ? html`<rsu-code-lists .canWrite=${this.canWrite}></rsu-code-lists>` : this.renderVariables(page)}
    `;
  }

  private renderVariables(page: VariablePage | undefined) {
    return html`
      <div role="status">${this.notice ? html`<p class="status success">${this.notice}</p>` : nothing}</div>
      ${this.openFailure ? html`<p class="status error" role="alert">${this.openFailure}</p>` : nothing}
      ${this.renderEditing()}
      ${renderCatalogueFilters(
        this.q,
        this.filters,
        this.units,
        (q) => this.handleSearch(q),
        (f) => this.handleFilter(f),
      )}
      ${this.requests.failed ? renderLoadFailure(failureText(this.requests.error), () => void this.load()) : nothing}
      <p class="count" role="status">${this.requests.loading ? t("loading") : page ? t("variablesCount", { count: page.total }) : ""}</p>
      ${this.table.render({
        label: t("catalogueHeading"),
        columns: this.columns(),
        page,
        loading: this.requests.loading,
        empty: t("noVariables"),
        rowClass: (v) => v.status ?? "active",
      })}
    `;
  }

  private renderEditing() {
    const editing = this.editing;
    if (editing.kind === "create") return html`<rsu-variable-form></rsu-variable-form>`;
    if (editing.kind === "none") return nothing;
    return html`<div class="editing">
      ${
        this.canWrite
          ? html`<rsu-variable-form .variable=${editing.variable}></rsu-variable-form>`
          : html`<h3>${editing.variable.code}</h3><button class="secondary small" @click=${() => (this.editing = { kind: "none" })}>${t("close")}</button>`
      }
      ${renderVariableDetail(editing.usedBy, editing.revisions)}
    </div>`;
  }

  private columns(): TableColumn<Variable>[] {
    const byText = (text: (v: Variable) => string) => (a: Variable, b: Variable) => text(a).localeCompare(text(b), getLanguage());
    const label = (v: Variable) => pick({ en: "", ...v.label });
    const status = (v: Variable) => tCode("status_", v.status ?? "active");
    const sensitivity = (v: Variable) => (v.sensitivity ? tCode("sensitivity_", v.sensitivity) : t("none"));
    return [
      {
        header: t("colCode"),
        rowHeader: true,
        cell: (v) =>
          html`<button class="link code" aria-label=${t("openVariableLabel", { code: v.code })} @click=${() => this.open(v.code)}>${v.code}</button>`,
        compare: byText((v) => v.code),
      },
      { header: t("colLabel"), cell: label, compare: byText(label) },
      { header: t("colType"), cell: (v) => tCode("type_", v.type), compare: byText((v) => tCode("type_", v.type)) },
      { header: t("colLevel"), cell: (v) => levelName(v.level), compare: byText((v) => levelName(v.level)) },
      { header: t("colTheme"), cell: (v) => themeName(v.theme), compare: byText((v) => themeName(v.theme)) },
      { header: t("colStatus"), cell: status, compare: byText(status) },
      { header: t("colSensitivity"), cell: sensitivity, compare: byText(sensitivity) },
    ];
  }
}
