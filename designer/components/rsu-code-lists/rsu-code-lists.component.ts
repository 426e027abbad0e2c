import { html, nothing } from "lit";
import { LoadingScreen } from "../../../kit/loading-screen";
import type { CodeList } from "../../../schemas/catalogue/types";
import { listCodeLists } from "../../api/catalogue";
import { failureText } from "../../api/failure-text";
import { LatestRequestController } from "../../../kit/latest-request.controller";
import { renderLoadFailure } from "../../../kit/load-failure-view";
import { byNumber, byText, RecordTable, type TableColumn } from "../../../kit/paged-table";
import { pick, t } from "../../i18n";
import { sharedStyles } from "../../styles/shared.styles";
import type { RsuCodeListSavedEvent } from "../rsu-code-list-editor/code-list-saved-event";
import "../rsu-code-list-editor/rsu-code-list-editor";
import { renderCodeListPreview } from "../rsu-variable-form/code-list-preview-view";
// The same page layout as the variables beside it: heading, search, count, table.
import styles from "../rsu-catalogue/rsu-catalogue.styles";

type Editing = { kind: "none" } | { kind: "create" } | { kind: "open"; list: CodeList };

/** Lowercase without accents, so that "ile" finds "Île". */
const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/**
 * @summary The catalogue's code lists: search by code or label in any language, open one to change it
 * (designers and admins) or to read its items (other roles), create a new one.
 */
export default class RsuCodeLists extends LoadingScreen {
  static override styles = [sharedStyles, styles];
  static override properties = {
    canWrite: { attribute: false },
    lists: { state: true },
    q: { state: true },
    editing: { state: true },
    notice: { state: true },
  };

  canWrite = false;
  lists: CodeList[] = [];
  q = "";
  editing: Editing = { kind: "none" };
  notice = "";
  private readonly requests = new LatestRequestController(this);
  private readonly table = new RecordTable(this);

  constructor() {
    super();
    this.addEventListener("rsu-code-list-saved", (event) => this.handleSaved(event));
    this.addEventListener("rsu-form-cancel", (event) => {
      event.stopPropagation();
      this.editing = { kind: "none" };
    });
  }

  // A few hundred lists at most (200 in the bench): loaded once and searched here, keystroke by keystroke.
  protected override load() {
    return this.requests.run(async () => {
      this.lists = await listCodeLists();
    });
  }

  private handleSaved(event: RsuCodeListSavedEvent) {
    event.stopPropagation();
    const { list, created } = event.detail;
    this.editing = { kind: "none" };
    this.notice = t(created ? "codeListCreated" : "codeListSaved", { code: list.code });
    void this.load();
  }

  private async open(list: CodeList) {
    this.notice = "";
    this.editing = { kind: "open", list };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(".editing")?.scrollIntoView({ block: "start" });
  }

  private matching(): CodeList[] {
    const q = fold(this.q.trim());
    if (!q) return this.lists;
    return this.lists.filter((list) => [list.code, ...Object.values(list.label)].some((text) => text && fold(text).includes(q)));
  }

  override render() {
    const shown = this.matching();
    return html`
      <div class="heading">
        <h3>${t("codeListsHeading")}</h3>
        ${this.canWrite && this.editing.kind === "none" ? html`<button @click=${() => (this.editing = { kind: "create" })}>${t("newCodeList")}</button>` : nothing}
      </div>
      <div role="status">${this.notice ? html`<p class="status success">${this.notice}</p>` : nothing}</div>
      ${this.renderEditing()}
      <form class="filters" role="search" @submit=${(event: Event) => event.preventDefault()}>
        <label class="search">
          ${t("codeListSearch")}
          <input type="search" name="q" .value=${this.q} @input=${(event: Event) => (this.q = (event.target as HTMLInputElement).value)} />
        </label>
      </form>
      ${this.requests.failed ? renderLoadFailure(failureText(this.requests.error), () => void this.load()) : nothing}
      <p class="count" role="status">${this.requests.loading ? t("loading") : t("codeListsCount", { count: shown.length })}</p>
      ${this.table.render({ label: t("codeListsHeading"), columns: this.columns(), rows: shown, loading: this.requests.loading, empty: t("noCodeLists") })}
    `;
  }

  private renderEditing() {
    const editing = this.editing;
    if (editing.kind === "none") return nothing;
    if (editing.kind === "create") return html`<div class="editing"><rsu-code-list-editor></rsu-code-list-editor></div>`;
    return html`<div class="editing">
      ${
        this.canWrite
          ? html`<rsu-code-list-editor .list=${editing.list}></rsu-code-list-editor>`
          : html`<h4>${pick({ en: "", ...editing.list.label })} (${editing.list.code})</h4>
            ${renderCodeListPreview(editing.list)}
            <button class="secondary small" @click=${() => (this.editing = { kind: "none" })}>${t("close")}</button>`
      }
    </div>`;
  }

  private columns(): TableColumn<CodeList>[] {
    const label = (list: CodeList) => pick({ en: "", ...list.label });
    const parentOf = (list: CodeList) => {
      const parent = list.parentList === undefined ? undefined : this.lists.find((other) => other.code === list.parentList);
      return parent ? label(parent) : (list.parentList ?? t("none"));
    };
    return [
      {
        header: t("colCode"),
        rowHeader: true,
        cell: (list) =>
          html`<button class="link code" aria-label=${t("openCodeListLabel", { code: list.code })} @click=${() => this.open(list)}>${list.code}</button>`,
        compare: byText((list) => list.code),
      },
      { header: t("colLabel"), cell: label, compare: byText(label) },
      { header: t("colParentList"), cell: parentOf, compare: byText(parentOf) },
      { header: t("colItems"), numeric: true, cell: (list) => list.items.length, compare: byNumber((list) => list.items.length) },
    ];
  }
}
