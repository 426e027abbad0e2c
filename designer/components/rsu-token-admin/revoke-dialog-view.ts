import { html, nothing } from "lit";
import type { ApiTokenView } from "../../api/tokens";
import { t } from "../../i18n";

/**
 * The confirmation before a revocation, which cannot be undone. A modal <dialog>: it keeps the focus
 * inside, Escape closes it, and Cancel has the focus first so that Enter never revokes by accident.
 */
export function renderRevokeDialog(token: ApiTokenView | undefined, busy: boolean, onConfirm: () => void, onClose: () => void) {
  return html`<dialog aria-labelledby="revoke-heading" @close=${onClose}>
    ${
      token
        ? html`<h3 id="revoke-heading">${t("revokeQuestion", { name: token.name })}</h3>
          <p>${t("revokeExplain")}</p>
          <div class="actions">
            <button type="button" class="secondary" autofocus @click=${onClose}>${t("cancel")}</button>
            <button type="button" class="danger" ?disabled=${busy} @click=${onConfirm}>${t("confirmRevoke")}</button>
          </div>`
        : nothing
    }
  </dialog>`;
}
