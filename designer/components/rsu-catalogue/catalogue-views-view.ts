import { html } from "lit";
import { t } from "../../i18n";

/** The catalogue's two halves: its variables, and the code lists their answers come from. */
export type CatalogueView = "variables" | "codeLists";

/** Two toggle buttons (`aria-pressed`) switching the catalogue between its variables and its code lists. */
export function renderCatalogueViews(view: CatalogueView, onChange: (view: CatalogueView) => void) {
  const button = (value: CatalogueView, label: string) =>
    html`<button type="button" class=${view === value ? "" : "secondary"} aria-pressed=${view === value ? "true" : "false"} @click=${() => onChange(value)}>${label}</button>`;
  return html`<div class="views" role="group" aria-label=${t("catalogueViews")}>
    ${button("variables", t("viewVariables"))} ${button("codeLists", t("viewCodeLists"))}
  </div>`;
}
