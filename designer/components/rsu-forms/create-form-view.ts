import { html } from "lit";
import { t } from "../../i18n";
import type { FieldMessages } from "../../views/field-errors";
import { renderTextField } from "../../views/text-field";

/** The few fields a new form needs; its questions are designed afterwards. */
export function renderCreateForm(
  busy: boolean,
  messages: FieldMessages | null,
  onSubmit: (event: SubmitEvent) => void,
  onCancel: () => void,
) {
  return html`<form class="panel" novalidate @submit=${onSubmit}>
    <h3>${t("createFormHeading")}</h3>
    ${renderTextField("id", t("formId"), messages, { hint: t("formIdHint") })}
    ${renderTextField("titleFr", t("formTitleFr"), messages)}
    ${renderTextField("titleEn", t("formTitleEn"), messages)}
    <div class="actions">
      <button type="submit" ?disabled=${busy}>${t("createForm")}</button>
      <button type="button" class="secondary" @click=${onCancel}>${t("cancel")}</button>
    </div>
  </form>`;
}
