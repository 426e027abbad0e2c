import { html, LitElement } from "lit";
import { draftOpenEvent } from "../../events/rsu-draft-open";
import { formatDateTime, pick, t } from "../../i18n";
import { type Draft, onOfflineChange } from "../../offline/db";
import { deleteDraft, listDrafts } from "../../offline/drafts";
import { LanguageController } from "../../../kit/language.controller";
import { pagedTableStyles, RecordTable, type TableColumn } from "../../../kit/paged-table";
import { sharedStyles } from "../../styles/shared.styles";
import tableLayout from "../rsu-area-households/rsu-area-households.styles";
import styles from "../device-list.styles";

/**
 * @summary « Mes brouillons »: the questionnaires the signed-in clerk started on this device, last changed
 * first, read from the device alone (it works offline); each reopens where it was left, or is deleted
 * after a second click.
 * @event rsu-draft-open - A draft to reopen.
 */
export default class RsuDrafts extends LitElement {
  static override styles = [sharedStyles, pagedTableStyles, tableLayout, styles];
  static override properties = {
    userId: { attribute: false },
    drafts: { state: true },
    deleting: { state: true },
  };

  userId = "";
  /** Undefined while read. */
  drafts?: Draft[];
  /** The draft whose deletion waits for its confirmation. */
  deleting?: string;
  private stopWatching?: () => void;
  private readonly table = new RecordTable(this);

  constructor() {
    super();
    new LanguageController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.stopWatching = onOfflineChange(() => void this.load());
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopWatching?.();
  }

  private async load() {
    this.drafts = await listDrafts(this.userId);
  }

  private handleDelete(draft: Draft) {
    if (this.deleting !== draft.id) {
      this.deleting = draft.id;
      return;
    }
    this.deleting = undefined;
    void deleteDraft(this.userId, draft.id);
  }

  override render() {
    return html`
      <h2>${t("draftsHeading")}</h2>
      <p>${t("draftsIntro")}</p>
      <p role="status">${this.drafts ? t("draftsCount", { count: this.drafts.length }) : ""}</p>
      ${this.table.render({ label: t("draftsHeading"), columns: this.columns(), rows: this.drafts, loading: false, empty: t("draftsEmpty") })}
    `;
  }

  private columns(): TableColumn<Draft>[] {
    const labels = (draft: Draft) => ({ title: pick(draft.form.title), date: formatDateTime(draft.updatedAt) });
    return [
      {
        header: t("colForm"),
        rowHeader: true,
        cell: (draft) => html`<p>${pick(draft.form.title)}</p>
          <p class="muted">${t(draft.householdId ? "updateOfHousehold" : "newHousehold")}</p>`,
      },
      { header: t("colUpdated"), cellClass: "date", cell: (draft) => formatDateTime(draft.updatedAt) },
      {
        header: t("colActions"),
        cell: (draft) => html`<div class="actions">
          <button aria-label=${t("draftResumeLabel", labels(draft))} @click=${() => this.dispatchEvent(draftOpenEvent(draft))}>${t("draftResume")}</button>
          <button class="secondary" aria-label=${this.deleting === draft.id ? t("draftDeleteConfirm") : t("draftDeleteLabel", labels(draft))}
            @click=${() => this.handleDelete(draft)}>
            ${this.deleting === draft.id ? t("draftDeleteConfirm") : t("draftDelete")}
          </button>
        </div>`,
      },
    ];
  }
}
