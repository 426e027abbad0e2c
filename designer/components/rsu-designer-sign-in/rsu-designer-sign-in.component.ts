import { html, LitElement, nothing } from "lit";
import { failureText } from "../../api/request";
import { signIn } from "../../api/session";
import { signedInEvent } from "../../events/rsu-signed-in";
import { LanguageController, t } from "../../i18n";
import styles from "./rsu-designer-sign-in.styles";

/**
 * @summary Signs a back-office user in; the API sets an httpOnly session cookie.
 * @event rsu-signed-in - Signed in; `detail.user` is the user.
 */
export default class RsuDesignerSignIn extends LitElement {
  static override styles = styles;
  static override properties = {
    notice: {},
    failure: { state: true },
    busy: { state: true },
  };

  /** Shown above the form, e.g. why one must sign in again. */
  notice = "";
  failure = "";
  busy = false;

  constructor() {
    super();
    new LanguageController(this);
  }

  private async handleSubmit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    this.busy = true;
    this.failure = "";
    try {
      const user = await signIn(String(form.get("username") ?? "").trim(), String(form.get("password") ?? ""));
      this.dispatchEvent(signedInEvent(user));
    } catch (error) {
      // Wrong password, locked account: the server says which, in both languages.
      this.failure = failureText(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`<form @submit=${this.handleSubmit}>
      <h2>${t("signInHeading")}</h2>
      ${this.notice ? html`<p class="status" role="status">${this.notice}</p>` : nothing}
      <label>${t("username")} <input name="username" autocomplete="username" autocapitalize="off" spellcheck="false" required /></label>
      <label>${t("password")} <input name="password" type="password" autocomplete="current-password" required /></label>
      ${this.failure ? html`<p class="status error" role="alert">${this.failure}</p>` : nothing}
      <button type="submit" ?disabled=${this.busy}>${this.busy ? t("signingIn") : t("signIn")}</button>
    </form>`;
  }
}
