import { html, LitElement, nothing } from "lit";
import { draftOpenEvent } from "../../events/rsu-draft-open";
import { formatDateTime, pick, t } from "../../i18n";
import { onOfflineChange, type OutboxItem, type OutboxState } from "../../offline/db";
import { listOutbox, removeSettled, SETTLED } from "../../offline/outbox";
import { newSubmissionId } from "../rsu-form-entry/submission-id";
import { LanguageController } from "../../shared/language.controller";
import { tableStyles } from "../../shared/styles";
import { sharedStyles } from "../../styles/shared.styles";
import tableLayout from "../rsu-area-households/rsu-area-households.styles";
import styles from "../device-list.styles";

const ATTENTION = new Set<OutboxState>(["to-correct", "rejected"]);

/**
 * @summary The outbox of this device: each questionnaire the clerk completed, its state (en attente,
 * envoyé, intégré, à vérifier, à corriger, rejeté) and, when it stopped, why. Those to correct reopen as a
 * new draft (a new submission id: the refused one stays as the registry recorded it).
 * @event rsu-draft-open - A refused questionnaire to correct.
 */
export default class RsuOutbox extends LitElement {
  static override styles = [sharedStyles, tableStyles, tableLayout, styles];
  static override properties = {
    userId: { attribute: false },
    items: { state: true },
  };

  userId = "";
  items?: OutboxItem[];
  private stopWatching?: () => void;

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
    this.items = await listOutbox(this.userId);
  }

  private handleCorrect(item: OutboxItem) {
    const { form, data, householdId, baseVersion, userId } = item;
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
      ${this.items?.length ? this.renderTable(this.items) : this.items ? html`<p class="status">${t("outboxEmpty")}</p>` : nothing}
    `;
  }

  private renderTable(items: OutboxItem[]) {
    return html`<div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">${t("colForm")}</th>
            <th scope="col">${t("colQueued")}</th>
            <th scope="col">${t("colStage")}</th>
            <th scope="col">${t("colActions")}</th>
          </tr>
        </thead>
        <tbody>
          ${items.map((item) => this.renderRow(item))}
        </tbody>
      </table>
    </div>`;
  }

  private renderRow(item: OutboxItem) {
    const title = pick(item.form.title);
    const date = formatDateTime(item.queuedAt);
    return html`<tr>
      <th scope="row">
        <p>${title}</p>
        <p class="muted">${t("submissionRef", { id: item.id })}</p>
      </th>
      <td class="date">${date}</td>
      <td>
        <span class="state ${ATTENTION.has(item.state) ? "attention" : ""}">${t(`outbox_${item.state}`)}</span>
        ${item.problem ? html`<p>${pick(item.problem)}</p>` : nothing}
        ${item.fieldErrors?.length ? html`<p>${t("errorCount", { count: item.fieldErrors.length })}</p>` : nothing}
      </td>
      <td>
        <div class="actions">
          ${
            ATTENTION.has(item.state)
              ? html`<button aria-label=${t("outboxCorrectLabel", { title, date })} @click=${() => this.handleCorrect(item)}>${t("outboxCorrect")}</button>`
              : nothing
          }
          ${
            SETTLED.has(item.state)
              ? html`<button class="secondary" @click=${() => removeSettled(this.userId, item.id)}>${t("outboxDismiss")}</button>`
              : nothing
          }
        </div>
      </td>
    </tr>`;
  }
}
