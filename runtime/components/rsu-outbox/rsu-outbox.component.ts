import { html, LitElement, nothing } from "lit";
import { draftOpenEvent } from "../../events/rsu-draft-open";
import { formatDateTime, pick, t } from "../../i18n";
import { onOfflineChange, type OutboxItem, type OutboxState } from "../../offline/db";
import { knownForms } from "../../offline/known-forms";
import { listOutbox, removeSettled, SETTLED } from "../../offline/outbox";
import { newSubmissionId } from "../rsu-form-entry/submission-id";
import { LanguageController } from "../../../kit/language.controller";
import { PagedTable, pagedTableStyles, type TableColumn } from "../../../kit/paged-table";
import { sharedStyles } from "../../styles/shared.styles";
import tableLayout from "../rsu-area-households/rsu-area-households.styles";
import styles from "../device-list.styles";

const ATTENTION = new Set<OutboxState>(["to-correct", "rejected"]);
/** A clerk offline for days queues dozens of questionnaires: a page at a time, like the other lists (#21). */
const PAGE_SIZE = 20;

/**
 * A rejected questionnaire's version may be retired or unknown to the server, so sending it again there
 * would be refused again: its answers reopen on the questionnaire's version the clerk's list now offers.
 */
function currentVersion(item: OutboxItem, userId: string) {
  const offered = knownForms(userId)?.find((form) => form.id === item.form.id);
  return offered ?? item.form;
}

/**
 * @summary The outbox of this device: each questionnaire the clerk completed, its state (en attente,
 * envoyé, intégré, à vérifier, à corriger, rejeté) and, when it stopped, why. Those to correct reopen as a
 * new draft (a new submission id: the refused one stays as the registry recorded it).
 * @event rsu-draft-open - A refused questionnaire to correct.
 */
export default class RsuOutbox extends LitElement {
  static override styles = [sharedStyles, pagedTableStyles, tableLayout, styles];
  static override properties = {
    userId: { attribute: false },
    items: { state: true },
  };

  userId = "";
  items?: OutboxItem[];
  private stopWatching?: () => void;
  // The outbox lives on the device, whole: turning a page only shows another slice of it.
  private readonly table = new PagedTable(this, PAGE_SIZE, () => this.requestUpdate());

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
    const items = await listOutbox(this.userId);
    // The last page emptied (its questionnaires dismissed or sent): the one before it.
    if (this.table.offset >= items.length) this.table.offset = Math.max(0, Math.ceil(items.length / PAGE_SIZE) - 1) * PAGE_SIZE;
    this.items = items;
  }

  private handleCorrect(item: OutboxItem) {
    const { data, householdId, baseVersion, userId } = item;
    const form = item.state === "rejected" ? currentVersion(item, userId) : item.form;
    const draft = { id: newSubmissionId(), userId, form, data, householdId, baseVersion, pageNo: 0, updatedAt: new Date().toISOString() };
    this.dispatchEvent(draftOpenEvent(draft));
    void removeSettled(this.userId, item.id);
  }

  override render() {
    const waiting = this.items?.filter((i) => i.state === "pending").length ?? 0;
    return html`
      <h2>${t("outboxHeading")}</h2>
      <p>${t("outboxIntro")}</p>
      <p role="status">${this.items ? t("outboxCount", { waiting, total: this.items.length }) : ""}</p>
      ${this.table.render({
        label: t("outboxHeading"),
        columns: this.columns(),
        page: this.items && { items: this.items.slice(this.table.offset, this.table.offset + PAGE_SIZE), total: this.items.length },
        loading: false,
        empty: t("outboxEmpty"),
      })}
    `;
  }

  private columns(): TableColumn<OutboxItem>[] {
    return [
      {
        header: t("colForm"),
        rowHeader: true,
        cell: (item) => html`<p>${pick(item.form.title)}</p>
          <p class="muted">${t("submissionRef", { id: item.id })}</p>`,
      },
      { header: t("colQueued"), cellClass: "date", cell: (item) => formatDateTime(item.queuedAt) },
      {
        header: t("colStage"),
        cell: (item) => html`<span class="state ${ATTENTION.has(item.state) ? "attention" : ""}">${t(`outbox_${item.state}`)}</span>
          ${item.problem ? html`<p>${pick(item.problem)}</p>` : nothing}
          ${item.fieldErrors?.length ? html`<p>${t("errorCount", { count: item.fieldErrors.length })}</p>` : nothing}`,
      },
      { header: t("colActions"), cell: (item) => this.renderActions(item) },
    ];
  }

  private renderActions(item: OutboxItem) {
    const labels = { title: pick(item.form.title), date: formatDateTime(item.queuedAt) };
    return html`<div class="actions">
      ${
        ATTENTION.has(item.state)
          ? html`<button aria-label=${t("outboxCorrectLabel", labels)} @click=${() => this.handleCorrect(item)}>${t("outboxCorrect")}</button>`
          : nothing
      }
      ${
        SETTLED.has(item.state)
          ? html`<button class="secondary" @click=${() => removeSettled(this.userId, item.id)}>${t("outboxDismiss")}</button>`
          : nothing
      }
    </div>`;
  }
}
