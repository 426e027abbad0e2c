import { html } from "lit";
import { translator } from "./i18n";
import * as messages from "./messages";

const { t } = translator(messages);

/** Why a screen's data did not load, with a button to try again. */
export function renderLoadFailure(text: string, onRetry: () => void) {
  return html`<div class="status error" role="alert">
    <p>${text}</p>
    <button @click=${onRetry}>${t("retry")}</button>
  </div>`;
}
