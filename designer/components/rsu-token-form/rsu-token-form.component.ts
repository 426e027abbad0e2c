import { html, LitElement, nothing } from "lit";
import { ApiError } from "../../../kit/request";
import { failureText } from "../../api/failure-text";
import { createToken } from "../../api/tokens";
import type { UserAccount } from "../../api/users";
import { formCancelEvent } from "../../events/rsu-form-cancel";
import { sessionExpiredEvent } from "../../../kit/events/rsu-session-expired";
import { tokenCreatedEvent } from "../../events/rsu-token-created";
import { LanguageController, t, tCode } from "../../i18n";
import { sharedStyles } from "../../styles/shared.styles";
import { fieldState, groupFieldErrors, renderFieldError, type FieldMessages } from "../../views/field-errors";
import { renderTextField } from "../../views/text-field";

/** Fields a 422 may name (`/username`, `/role`…); others are shown above the form. */
const FIELDS = ["username", "name", "role", "expiresAt"] as const;

/**
 * @summary Issues a machine token for one user, acting with one of that user's roles, until an optional day.
 * @event rsu-token-created - Issued; the secret is in `detail.secret`, once.
 * @event rsu-form-cancel - Closed without issuing.
 * @event rsu-session-expired - The API answered 401.
 */
export default class RsuTokenForm extends LitElement {
  static override styles = sharedStyles;
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override properties = {
    users: { attribute: false },
    username: { state: true },
    busy: { state: true },
    messages: { state: true },
    failure: { state: true },
  };

  /** The accounts a token may act for: active ones only. */
  users: UserAccount[] = [];
  /** The chosen account: its roles are the roles offered. */
  username = "";
  busy = false;
  messages: FieldMessages | null = null;
  failure = "";

  constructor() {
    super();
    new LanguageController(this);
  }

  private async handleSubmit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const expires = String(form.get("expiresAt") ?? "");
    this.busy = true;
    this.messages = null;
    this.failure = "";
    try {
      const { token, ...view } = await createToken({
        username: this.username,
        name: String(form.get("name") ?? "").trim(),
        ...(form.get("role") ? { role: String(form.get("role")) } : {}),
        // A day chosen in the form means "valid through that day", on the administrator's clock.
        ...(expires ? { expiresAt: new Date(`${expires}T23:59:59.999`).toISOString() } : {}),
      });
      this.dispatchEvent(tokenCreatedEvent(view, token));
    } catch (error) {
      if (error instanceof ApiError && error.unauthenticated) {
        this.dispatchEvent(sessionExpiredEvent());
        return;
      }
      const fieldErrors = error instanceof ApiError ? error.fieldErrors : [];
      this.messages = fieldErrors.length ? groupFieldErrors(fieldErrors, FIELDS) : null;
      this.failure = this.messages ? [t("formHasErrors"), ...this.messages.other].join(" ") : failureText(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const user = this.users.find((u) => u.username === this.username);
    const today = localDay(new Date());
    return html`<form class="panel" novalidate @submit=${this.handleSubmit}>
      <h3>${t("newToken")}</h3>
      ${this.failure ? html`<p class="status error" role="alert">${this.failure}</p>` : nothing}
      ${this.renderSelect("username", t("tokenUser"), [
        { value: "", text: t("chooseUser") },
        ...this.users.map((u) => ({ value: u.username, text: `${u.displayName} (${u.username})` })),
      ])}
      ${renderTextField("name", t("tokenName"), this.messages, { hint: t("tokenNameHint") })}
      ${this.renderSelect(
        "role",
        t("tokenRole"),
        (user?.roles ?? []).map((role) => ({ value: role, text: tCode("role_", role) })),
      )}
      ${renderTextField("expiresAt", t("tokenExpires"), this.messages, { type: "date", min: today, hint: t("tokenExpiresHint") })}
      <div class="actions">
        <button type="submit" ?disabled=${this.busy}>${this.busy ? t("saving") : t("createToken")}</button>
        <button type="button" class="secondary" @click=${() => this.dispatchEvent(formCancelEvent())}>${t("cancel")}</button>
      </div>
    </form>`;
  }

  private renderSelect(name: string, label: string, options: { value: string; text: string }[]) {
    const state = fieldState(name, this.messages);
    return html`<div class="field">
      <label for=${name}>${label}</label>
      <select
        id=${name}
        name=${name}
        ?disabled=${!options.length}
        aria-invalid=${state.invalid}
        aria-describedby=${state.describedBy || nothing}
        @change=${name === "username" ? (e: Event) => ((this.username = (e.target as HTMLSelectElement).value)) : nothing}
      >
        ${options.map((o) => html`<option value=${o.value} ?selected=${name === "username" && o.value === this.username}>${o.text}</option>`)}
      </select>
      ${renderFieldError(name, this.messages)}
    </div>`;
  }
}

/** `YYYY-MM-DD` of the administrator's own day, for the date input's lower bound. */
function localDay(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
}
