import { css, html } from "lit";
import { translator } from "./i18n";
import * as messages from "./messages";

const { t } = translator(messages);

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

/** The pager's layout, for the styles of a component that renders one. */
export const pagerStyles = css`
  .pager {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.75rem;
    margin: 1rem 0;
  }
`;
