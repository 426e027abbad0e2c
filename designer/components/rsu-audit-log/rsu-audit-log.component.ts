import { html, nothing } from "lit";
import { LoadingScreen } from "../../../kit/loading-screen";
import { listAudit, type AuditPage, type AuditRow } from "../../api/audit";
import { failureText } from "../../api/failure-text";
import { LatestRequestController } from "../../../kit/latest-request.controller";
import { renderLoadFailure } from "../../../kit/load-failure-view";
import { formatDate, t, tCode } from "../../i18n";
import { sharedStyles } from "../../styles/shared.styles";
import { PagedTable, type TableColumn } from "../../../kit/paged-table";
import { filterInstants, NO_FILTERS, readFilters, renderAuditFilters, type AuditFilters } from "./audit-filters-view";
import styles from "./rsu-audit-log.styles";

const PAGE_SIZE = 50;

/**
 * @summary The audit log (admins only), newest first: who did what to which object, when and from where;
 * filtered by actor, object type, action and days, a page at a time.
 * @event rsu-session-expired - The API answered 401.
 */
export default class RsuAuditLog extends LoadingScreen {
  static override styles = [sharedStyles, styles];
  static override properties = {
    page: { state: true },
    opened: { state: true },
  };

  page?: AuditPage;
  /** Rows whose details are shown, by sequence number. */
  opened = new Set<string>();

  private filters: AuditFilters = NO_FILTERS;
  private readonly requests = new LatestRequestController(this);
  private readonly table = new PagedTable(this, PAGE_SIZE, () => void this.load());

  protected override load() {
    const { actor, entityType, action } = this.filters;
    const query = { actor, entityType, action, ...filterInstants(this.filters), limit: PAGE_SIZE, offset: this.table.offset };
    return this.requests.run(async (signal) => {
      this.opened = new Set();
      this.page = await listAudit(query, signal);
    });
  }

  private handleSearch(event: SubmitEvent) {
    event.preventDefault();
    this.filters = readFilters(event.target as HTMLFormElement);
    this.table.restart();
  }

  private handleReset() {
    this.filters = NO_FILTERS;
    this.table.restart();
  }

  override render() {
    return html`
      <h2>${t("auditHeading")}</h2>
      <p>${t("auditIntro")}</p>
      ${renderAuditFilters(
        this.filters,
        (e) => this.handleSearch(e),
        () => this.handleReset(),
      )}
      ${this.requests.failed ? renderLoadFailure(failureText(this.requests.error), () => void this.load()) : nothing}
      <p role="status">${this.requests.loading ? t("loading") : this.page ? t("auditCount", { count: this.page.total }) : ""}</p>
      ${this.table.render({
        label: t("auditHeading"),
        columns: this.columns(),
        page: this.page,
        loading: this.requests.loading,
        empty: t("noEvents"),
        detail: (row) => this.detail(row),
      })}
    `;
  }

  private toggle(seq: string) {
    const opened = new Set(this.opened);
    if (!opened.delete(seq)) opened.add(seq);
    this.opened = opened;
  }

  private columns(): TableColumn<AuditRow>[] {
    return [
      { header: t("colSeq"), cell: (row) => row.seq, numeric: true, compare: (a, b) => Number(a.seq) - Number(b.seq) },
      { header: t("colAt"), cell: (row) => formatDate(row.at, "seconds"), compare: (a, b) => a.at.localeCompare(b.at) },
      { header: t("colActor"), cell: (row) => html`<code>${row.actor}</code>`, compare: (a, b) => a.actor.localeCompare(b.actor) },
      {
        header: t("colAction"),
        cell: (row) => html`${tCode("action_", row.action)}<br /><code class="muted">${row.action}</code>`,
        compare: (a, b) => a.action.localeCompare(b.action),
      },
      {
        header: t("colEntity"),
        cell: (row) =>
          html`<span class="object">${tCode("entity_", row.entityType)}${row.entityId ? html`<br /><code class="id">${row.entityId}</code>` : nothing}</span>`,
        compare: (a, b) => a.entityType.localeCompare(b.entityType),
      },
      { header: t("colAddress"), cell: (row) => (row.address ? html`<code>${row.address}</code>` : t("none")) },
      { header: t("colDetails"), cell: (row) => this.renderToggle(row) },
    ];
  }

  private renderToggle(row: AuditRow) {
    const seq = String(row.seq);
    if (!Object.keys(row.details ?? {}).length) return t("none");
    const open = this.opened.has(seq);
    return html`<button class="link" aria-expanded=${open ? "true" : "false"} aria-controls="details-${seq}" @click=${() => this.toggle(seq)}>
      ${open ? t("hideDetails") : t("showDetails")}
    </button>`;
  }

  /** An event's details, when asked for, on a full-width line below its row so that long ids stay readable. */
  private detail(row: AuditRow) {
    const seq = String(row.seq);
    if (!this.opened.has(seq)) return undefined;
    return {
      id: `details-${seq}`,
      content: html`<dl>
        ${Object.entries(row.details ?? {}).map(([name, value]) => html`<div><dt>${name}</dt><dd>${typeof value === "string" ? value : JSON.stringify(value)}</dd></div>`)}
      </dl>`,
    };
  }
}
