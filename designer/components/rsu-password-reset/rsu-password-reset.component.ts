import { html, LitElement, nothing, type PropertyValues } from "lit";
import { ApiError } from "../../../kit/request";
import { failureText } from "../../api/failure-text";
import { resetPassword, type UserAccount } from "../../api/users";
import { sessionExpiredEvent } from "../../../kit/events/rsu-session-expired";
import { LanguageController, t } from "../../i18n";
import { sharedStyles } from "../../styles/shared.styles";
import { groupFieldErrors, type FieldMessages } from "../../views/field-errors";
import { renderTextField } from "../../views/text-field";

/**
 * @summary Gives an account a new password; the server ends the account's open sessions.
 * @event rsu-session-expired - The API answered 401.
 */
export default class RsuPasswordReset extends LitElement {
  static override styles = sharedStyles;
  static override properties = {
    user: { attribute: false },
    busy: { state: true },
    messages: { state: true },
    failure: { state: true },
    done: { state: true },
  };

  user?: UserAccount;
  busy = false;
  messages: FieldMessages | null = null;
  failure = "";
  done = false;

  constructor() {
    super();
    new LanguageController(this);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("user")) {
      this.messages = null;
      this.failure = "";
      this.done = false;
    }
  }

  private async handleSubmit(event: SubmitEvent) {
    event.preventDefault();
    if (!this.user) return;
    const form = event.target as HTMLFormElement;
    this.busy = true;
    this.messages = null;
    this.failure = "";
    this.done = false;
    try {
      await resetPassword(this.user.id, String(new FormData(form).get("password") ?? ""));
      form.reset();
      this.done = true;
    } catch (error) {
      if (error instanceof ApiError && error.unauthenticated) {
        this.dispatchEvent(sessionExpiredEvent());
        return;
      }
      const fieldErrors = error instanceof ApiError ? error.fieldErrors : [];
      this.messages = fieldErrors.length ? groupFieldErrors(fieldErrors, ["password"]) : null;
      this.failure = this.messages ? this.messages.other.join(" ") : failureText(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    if (!this.user) return nothing;
    return html`<form class="panel" novalidate @submit=${this.handleSubmit}>
      <h3>${t("resetPasswordHeading")}</h3>
      ${this.failure ? html`<p class="status error" role="alert">${this.failure}</p>` : nothing}
      ${this.done ? html`<p class="status success" role="status">${t("passwordReset", { username: this.user.username })}</p>` : nothing}
      ${renderTextField("password", t("newPassword"), this.messages, { type: "password", hint: t("resetPasswordHint"), autocomplete: "new-password" })}
      <div class="actions">
        <button type="submit" ?disabled=${this.busy}>${this.busy ? t("saving") : t("resetPassword")}</button>
      </div>
    </form>`;
  }
}
