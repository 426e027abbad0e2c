import { html, nothing } from "lit";
import type { CodeList } from "../../../schemas/catalogue/types";
import { pick, t } from "../../i18n";

/** Enough items to recognise a list; long lists (villages) end with "…". */
const SHOWN = 12;

/** The items of the chosen code list, in order, so the writer sees what answers the variable offers. */
export function renderCodeListPreview(list: CodeList | undefined) {
  if (!list) return nothing;
  return html`<div class="code-list-preview" aria-live="polite">
    <p class="hint">${t("codeListPreview")} (${list.items.length})</p>
    ${
      list.items.length
        ? html`<ol>
          ${list.items.slice(0, SHOWN).map((item) => html`<li><span class="code">${item.code}</span> ${pick({ en: "", ...item.label })}</li>`)}
          ${list.items.length > SHOWN ? html`<li class="muted">…</li>` : nothing}
        </ol>`
        : html`<p class="muted">${t("codeListEmpty")}</p>`
    }
  </div>`;
}
