import { html, LitElement, nothing } from "lit";
import { ApiError, signIn } from "../../api-client";
import { LanguageController } from "../../controllers/language.controller";
import { signedInEvent } from "../../events/rsu-signed-in";
import { pick, t } from "../../i18n";
import { sharedStyles } from "../../styles/shared.styles";
import styles from "./rsu-sign-in.styles";

/**
 * @summary Signs a clerk in with user name and password; the API sets an httpOnly session cookie.
 * @event rsu-signed-in - Signed in, with the user.
 */
export default class RsuSignIn extends LitElement {
  static override styles = [sharedStyles, styles];
  static override properties = {
    notice: {},
    failure: { state: true },
    busy: { state: true },
  };

  /** Shown above the form, e.g. why the clerk must sign in again. */
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
      this.failure = error instanceof ApiError ? pick(error.problem.message) : t("serverUnreachable");
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`<form @submit=${this.handleSubmit}>
      <h2>${t("signInHeading")}</h2>
      ${this.notice ? html`<p class="status" role="status">${this.notice}</p>` : nothing}
      <p>${t("signInIntro")}</p>
      <label>${t("username")} <input name="username" autocomplete="username" autocapitalize="off" spellcheck="false" required /></label>
      <label>${t("password")} <input name="password" type="password" autocomplete="current-password" required /></label>
      ${this.failure ? html`<p class="status error" role="alert">${this.failure}</p>` : nothing}
      <button type="submit" ?disabled=${this.busy}>${this.busy ? t("signingIn") : t("signIn")}</button>
    </form>`;
  }
}
