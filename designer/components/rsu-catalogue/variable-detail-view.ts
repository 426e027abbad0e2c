import { html } from "lit";
import type { UsedBy, VariableRevision } from "../../api/catalogue";
import { formatDate, t, tCode } from "../../i18n";

/** Where a variable is used (published form versions) and its revisions, newest first. */
export function renderVariableDetail(usedBy: UsedBy[], revisions: VariableRevision[]) {
  return html`<section class="detail">
    <div>
      <h3>${t("usedByHeading")}</h3>
      ${
        usedBy.length
          ? html`<ul>${usedBy.map((u) => html`<li>${t("formVersion", { formId: u.formId, version: u.version })}</li>`)}</ul>`
          : html`<p class="muted">${t("notUsed")}</p>`
      }
    </div>
    <div>
      <h3>${t("revisionsHeading")}</h3>
      <ul class="revisions">
        ${revisions.map(
          (r) =>
            html`<li>${t("revisionLine", { revision: r.revision, change: tCode("change_", r.change), at: formatDate(r.changedAt, "compact"), by: r.changedBy ?? t("none") })}</li>`,
        )}
      </ul>
    </div>
  </section>`;
}
