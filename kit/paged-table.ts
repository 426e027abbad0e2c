import { css, html, nothing, type ReactiveControllerHost, type TemplateResult } from "lit";
import { translator } from "./i18n";
import * as messages from "./messages";
import { pagerStyles, renderPager } from "./pager-view";
import { tableStyles } from "./styles";

const { t } = translator(messages);

/** One column: its header, what a row shows in it, and, when the reader may sort by it, how two rows compare. */
export interface TableColumn<Row> {
  header: string;
  cell: (row: Row) => unknown;
  /** Right-aligned figures. */
  numeric?: boolean;
  /** The cell that names the row (a `th`), read out before each of the row's other cells. */
  rowHeader?: boolean;
  compare?: (a: Row, b: Row) => number;
  /** A class of the column's cells, for the screen's own styles (a date kept on one line, a row's buttons). */
  cellClass?: string;
}

/** A column's order by a text of each row, in the reader's language (accents sort with their letter). */
export const byText =
  <Row>(text: (row: Row) => string) =>
  (a: Row, b: Row): number =>
    text(a).localeCompare(text(b));

/** A column's order by a figure (or an instant's time) of each row. */
export const byNumber =
  <Row>(figure: (row: Row) => number) =>
  (a: Row, b: Row): number =>
    figure(a) - figure(b);

/** What a screen hands a table each time it renders. */
export interface TableContent<Row> {
  /** The table's name, also that of its scrolling frame (a landmark the keyboard can scroll). */
  label: string;
  /** Also shows the name above the table, for a screen that holds more than one list. */
  caption?: boolean;
  columns: TableColumn<Row>[];
  /** Undefined until the first answer: nothing is shown. */
  rows?: readonly Row[];
  loading: boolean;
  /** Said in place of the table when the list is empty. */
  empty: string;
  rowClass?: (row: Row) => string;
  /** What a row shows below itself across the whole width when opened (long ids stay readable), with the id its toggle controls. */
  detail?: (row: Row) => { id: string; content: unknown } | undefined;
}

/** What a screen hands a paged table: a page of rows from the API and how many there are in all. */
export interface PageContent<Row> extends Omit<TableContent<Row>, "rows"> {
  page?: { items: Row[]; total: number };
}

/**
 * A list of records, the same on every screen of both apps (#21): columns sorted by a header button
 * (aria-sort), the empty state, and a named frame that scrolls sideways on a narrow screen and with the
 * arrow keys once focused. A list the API serves whole uses it as it is; a list served in pages, `PagedTable`.
 */
export class RecordTable {
  private sort?: { column: number; descending: boolean };

  constructor(private readonly host: ReactiveControllerHost) {}

  /** Whether the reader sorted the rows by a column (the API's order is no longer the one shown). */
  get sorted(): boolean {
    return this.sort !== undefined;
  }

  private sortBy(column: number) {
    this.sort = { column, descending: this.sort?.column === column && !this.sort.descending };
    this.host.requestUpdate();
  }

  render<Row>(content: TableContent<Row>): TemplateResult | typeof nothing {
    const { rows, columns } = content;
    if (!rows) return nothing;
    if (!rows.length) return content.loading ? nothing : html`<p class="status empty">${content.empty}</p>`;
    const sort = this.sort && columns[this.sort.column]?.compare ? this.sort : undefined;
    const shown = sort ? [...rows].sort((a, b) => columns[sort.column]!.compare!(a, b) * (sort.descending ? -1 : 1)) : rows;
    return html`
      <div class="table-wrap" role="region" aria-label=${content.label} tabindex="0">
        <table aria-label=${content.caption ? nothing : content.label} aria-busy=${content.loading ? "true" : "false"}>
          ${content.caption ? html`<caption>${content.label}</caption>` : nothing}
          <thead><tr>${columns.map((column, index) => this.renderHeader(column, index))}</tr></thead>
          <tbody>
            ${shown.map((row) => {
              const detail = content.detail?.(row);
              return html`<tr class=${content.rowClass?.(row) ?? ""}>${columns.map((column) => renderCell(column, row))}</tr>
                ${detail ? html`<tr class="details" id=${detail.id}><td colspan=${columns.length}>${detail.content}</td></tr>` : nothing}`;
            })}
          </tbody>
        </table>
      </div>
    `;
  }

  private renderHeader<Row>(column: TableColumn<Row>, index: number) {
    const numeric = column.numeric ? "number" : "";
    if (!column.compare) return html`<th scope="col" class=${numeric}>${column.header}</th>`;
    const sorted = this.sort?.column === index ? (this.sort.descending ? "descending" : "ascending") : "none";
    return html`<th scope="col" class=${numeric} aria-sort=${sorted}>
      <button type="button" class="sort" @click=${() => this.sortBy(index)}>
        ${column.header}<span aria-hidden="true">${sorted === "ascending" ? " ▲" : sorted === "descending" ? " ▼" : " ↕"}</span>
      </button>
    </th>`;
  }
}

function renderCell<Row>(column: TableColumn<Row>, row: Row) {
  const content = column.cell(row);
  const classes = [column.numeric ? "number" : "", column.cellClass ?? ""].join(" ").trim();
  if (column.rowHeader) return html`<th scope="row" class=${classes}>${content}</th>`;
  return html`<td class=${classes}>${content}</td>`;
}

/**
 * A list the API serves a page at a time: the record table, and below it the pager when there is more than
 * one page. Sorting orders the rows of the page shown (the API keeps its own order across pages), and the
 * table says so. Each screen keeps its own requests and reads `offset` from here.
 */
export class PagedTable {
  offset = 0;
  private readonly table: RecordTable;

  constructor(
    host: ReactiveControllerHost,
    readonly pageSize: number,
    /** Reads the page at `offset` again. */
    private readonly load: () => void,
  ) {
    this.table = new RecordTable(host);
  }

  /** Back to the first page, for a new search or filter. */
  restart(): void {
    this.offset = 0;
    this.load();
  }

  private turn(delta: number) {
    this.offset = Math.max(0, this.offset + delta * this.pageSize);
    this.load();
  }

  render<Row>(content: PageContent<Row>): TemplateResult | typeof nothing {
    const { page } = content;
    if (!page) return nothing;
    const table = this.table.render({ ...content, rows: page.items });
    if (table === nothing) return nothing;
    return html`
      ${table}
      ${this.table.sorted && page.total > page.items.length ? html`<p class="hint">${t("sortedThisPage")}</p>` : nothing}
      ${page.total > this.pageSize || this.offset > 0 ? renderPager(this.offset, this.pageSize, page.total, (delta) => this.turn(delta)) : nothing}
    `;
  }
}

/** The header buttons, the caption and the focused frame. */
const ownStyles = css`
  .table-wrap:focus-visible {
    outline: 3px solid var(--rsu-color-focus);
    outline-offset: 2px;
  }
  caption {
    padding: 0.625rem 0.75rem;
    text-align: start;
    font-weight: 700;
  }
  th.number,
  td.number {
    text-align: end;
  }
  button.sort {
    min-height: 0;
    min-width: 0;
    padding: 0;
    white-space: nowrap;
    font: inherit;
    font-weight: 700;
    color: inherit;
    background: none;
    border: none;
    text-align: start;
  }
  button.sort:focus-visible {
    outline: 3px solid var(--rsu-color-focus);
    outline-offset: 2px;
  }
`;

/** What a screen that renders a record table or a paged table adds to its styles: the table, its pager, its header buttons. */
export const pagedTableStyles = [tableStyles, pagerStyles, ownStyles];
