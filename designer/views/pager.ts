import { html } from "lit";
import { t } from "../i18n";

/** Previous / next over a list the API serves in pages of `pageSize` rows from `offset`. */
export function renderPager(offset: number, pageSize: number, total: number, onTurn: (delta: number) => void) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.floor(offset / pageSize) + 1;
  return html`<nav class="pager" aria-label=${t("pageOf", { page: current, pages })}>
    <button class="secondary" ?disabled=${current <= 1} @click=${() => onTurn(-1)}>${t("previous")}</button>
    <span>${t("pageOf", { page: current, pages })}</span>
    <button class="secondary" ?disabled=${current >= pages} @click=${() => onTurn(1)}>${t("next")}</button>
  </nav>`;
}
