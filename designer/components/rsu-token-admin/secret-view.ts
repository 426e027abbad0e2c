import { html, nothing } from "lit";
import { t } from "../../i18n";

export type CopyState = "idle" | "copied" | "failed";

/** The secret of a token just issued, with a copy button and the warning that it is shown this once. */
export function renderSecret(name: string, secret: string, copy: CopyState, onCopy: () => void, onDone: () => void) {
  return html`<section class="secret" aria-labelledby="secret-heading">
    <h3 id="secret-heading" tabindex="-1">${t("secretHeading", { name })}</h3>
    <p class="warning"><strong>${t("secretWarning")}</strong></p>
    <label for="secret">${t("secretLabel")}</label>
    <div class="copy-row">
      <input id="secret" class="code" readonly .value=${secret} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
      <button type="button" @click=${onCopy}>${t("copy")}</button>
    </div>
    <p role="status" class=${copy === "failed" ? "field-error" : "hint"}>
      ${copy === "copied" ? t("copied") : copy === "failed" ? t("copyFailed") : nothing}
    </p>
    <button type="button" class="secondary" @click=${onDone}>${t("secretDone")}</button>
  </section>`;
}

/** Puts the secret on the clipboard; where the Clipboard API is refused, copies the selected input's text. */
export async function copySecret(input: HTMLInputElement | null, secret: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(secret);
    return true;
  } catch {
    if (!input) return false;
    input.select();
    return document.execCommand("copy");
  }
}
