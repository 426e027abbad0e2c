import { html, nothing } from "lit";
import { t } from "../../i18n";

/** Retiring a version cannot be undone: the admin says why (kept in the audit log). */
export function renderRetireForm(
  formId: string,
  version: number,
  busy: boolean,
  failure: string,
  onSubmit: (event: SubmitEvent) => void,
  onCancel: () => void,
) {
  return html`<form class="panel" novalidate @submit=${onSubmit}>
    <h3>${t("retireHeading", { version, id: formId })}</h3>
    <p>${t("retireExplain")}</p>
    <div class="field">
      <label for="retire-reason">${t("retireReason")}</label>
      <input id="retire-reason" name="reason" autocomplete="off" />
    </div>
    ${failure ? html`<p class="status error" role="alert">${failure}</p>` : nothing}
    <div class="actions">
      <button type="submit" class="danger" ?disabled=${busy}>${t("retireConfirm")}</button>
      <button type="button" class="secondary" @click=${onCancel}>${t("cancel")}</button>
    </div>
  </form>`;
}
