import { html, LitElement } from "lit";
import { translator } from "../i18n";
import { LanguageController } from "../language.controller";
import * as messages from "../messages";
import { baseStyles } from "../styles";
import styles from "./rsu-confirm-dialog.styles";

const { t } = translator(messages);

/**
 * @summary Asks a person to confirm an action that cannot be taken back easily (discard a job, undo an
 * import), in the app's own words and style instead of the browser's `confirm()` (#21).
 *
 * A modal `<dialog>`: the rest of the page is inert while it is open and Tab goes round its two buttons; Escape or
 * « Annuler » answers no; it is named by its heading and described by its message; « Annuler » has the focus
 * first, so a stray Enter never confirms. The focus goes back where it was when it closes.
 */
export default class RsuConfirmDialog extends LitElement {
  static override styles = [baseStyles, styles];
  static override properties = {
    heading: {},
    message: {},
    confirmLabel: { attribute: "confirm-label" },
    danger: { type: Boolean },
  };

  heading = "";
  message = "";
  confirmLabel = "";
  /** The action destroys or withdraws something: the confirm button is drawn in the danger colour. */
  danger = false;

  private answer?: (confirmed: boolean) => void;

  constructor() {
    super();
    new LanguageController(this);
  }

  /** Opens the dialog; resolves true when the person confirms, false when they cancel or press Escape. */
  async ask(): Promise<boolean> {
    await this.updateComplete;
    const returnTo = focusedElement();
    const dialog = this.renderRoot.querySelector("dialog")!;
    dialog.returnValue = "";
    dialog.showModal();
    const confirmed = await new Promise<boolean>((resolve) => (this.answer = resolve));
    if (returnTo?.isConnected) returnTo.focus();
    return confirmed;
  }

  private handleClose(event: Event) {
    this.answer?.((event.target as HTMLDialogElement).returnValue === "confirm");
    this.answer = undefined;
  }

  /** Tab past the last button comes back to the first (and Shift+Tab the other way), not to the browser's bar. */
  private handleKeydown(event: KeyboardEvent) {
    if (event.key !== "Tab") return;
    const buttons = [...this.renderRoot.querySelectorAll("button")];
    const edge = event.shiftKey ? buttons[0] : buttons.at(-1);
    if (this.shadowRoot?.activeElement !== edge) return;
    event.preventDefault();
    (event.shiftKey ? buttons.at(-1) : buttons[0])?.focus();
  }

  override render() {
    return html`<dialog aria-labelledby="heading" aria-describedby="message" @close=${this.handleClose} @keydown=${this.handleKeydown}>
      <form method="dialog">
        <h2 id="heading">${this.heading}</h2>
        <p id="message">${this.message}</p>
        <div class="actions">
          <button class="secondary" value="cancel" autofocus>${t("cancel")}</button>
          <button class=${this.danger ? "danger" : ""} value="confirm">${this.confirmLabel}</button>
        </div>
      </form>
    </dialog>`;
  }
}

/** The element that has the focus, through the shadow roots it sits in. */
function focusedElement(): HTMLElement | null {
  let element = document.activeElement;
  while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
  return element instanceof HTMLElement ? element : null;
}
