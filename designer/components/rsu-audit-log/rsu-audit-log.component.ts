import { html, nothing } from "lit";
import { LoadingScreen } from "../../../runtime/shared/loading-screen";
import { listAudit, type AuditPage, type AuditRow } from "../../api/audit";
import { failureText } from "../../api/failure-text";
import { LatestRequestController } from "../../../runtime/shared/latest-request.controller";
import { renderLoadFailure } from "../../../runtime/shared/load-failure-view";
import { formatDate, t, tCode } from "../../i18n";
import { sharedStyles } from "../../styles/shared.styles";
import { renderPager } from "../../../runtime/shared/pager-view";
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
  private offset = 0;
  private readonly requests = new LatestRequestController(this);

  protected override load() {
    const { actor, entityType, action } = this.filters;
    const query = { actor, entityType, action, ...filterInstants(this.filters), limit: PAGE_SIZE, offset: this.offset };
    return this.requests.run(async (signal) => {
      this.opened = new Set();
      this.page = await listAudit(query, signal);
    });
  }

  private handleSearch(event: SubmitEvent) {
    event.preventDefault();
    this.filters = readFilters(event.target as HTMLFormElement);
    this.offset = 0;
    void this.load();
  }

  private handleReset() {
    this.filters = NO_FILTERS;
    this.offset = 0;
    void this.load();
  }

  private handleTurn(delta: number) {
    this.offset = Math.max(0, this.offset + delta * PAGE_SIZE);
    void this.load();
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
      ${this.page?.items.length ? this.renderTable(this.page) : this.page && !this.requests.loading ? html`<p class="status">${t("noEvents")}</p>` : nothing}
    `;
  }

  private renderTable(page: AuditPage) {
    return html`
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">${t("colSeq")}</th>
              <th scope="col">${t("colAt")}</th>
              <th scope="col">${t("colActor")}</th>
              <th scope="col">${t("colAction")}</th>
              <th scope="col">${t("colEntity")}</th>
              <th scope="col">${t("colAddress")}</th>
              <th scope="col">${t("colDetails")}</th>
            </tr>
          </thead>
          <tbody>
            ${page.items.map((row) => this.renderRow(row))}
          </tbody>
        </table>
      </div>
      ${renderPager(this.offset, PAGE_SIZE, page.total, (delta) => this.handleTurn(delta))}
    `;
  }

  private toggle(seq: string) {
    const opened = new Set(this.opened);
    if (!opened.delete(seq)) opened.add(seq);
    this.opened = opened;
  }

  /** One event; its details, when asked for, on a full-width line below so that long ids stay readable. */
  private renderRow(row: AuditRow) {
    const seq = String(row.seq);
    const details = Object.entries(row.details ?? {});
    const open = this.opened.has(seq);
    return html`<tr>
        <td class="number">${row.seq}</td>
        <td>${formatDate(row.at, "seconds")}</td>
        <td><code>${row.actor}</code></td>
        <td>${tCode("action_", row.action)}<br /><code class="muted">${row.action}</code></td>
        <td class="object">${tCode("entity_", row.entityType)}${row.entityId ? html`<br /><code class="id">${row.entityId}</code>` : nothing}</td>
        <td>${row.address ? html`<code>${row.address}</code>` : t("none")}</td>
        <td>
          ${
            details.length
              ? html`<button class="link" aria-expanded=${open ? "true" : "false"} aria-controls="details-${seq}" @click=${() => this.toggle(seq)}>
                ${open ? t("hideDetails") : t("showDetails")}
              </button>`
              : t("none")
          }
        </td>
      </tr>
      ${
        open
          ? html`<tr class="details" id="details-${seq}">
            <td colspan="7">
              <dl>
                ${details.map(([name, value]) => html`<div><dt>${name}</dt><dd>${typeof value === "string" ? value : JSON.stringify(value)}</dd></div>`)}
              </dl>
            </td>
          </tr>`
          : nothing
      }`;
  }
}
