import { html, LitElement, nothing } from "lit";
import { signedInEvent } from "../events/rsu-signed-in";
import { pick, translator } from "../i18n";
import { LanguageController } from "../language.controller";
import * as messages from "../messages";
import { ApiError } from "../request";
import { signIn } from "../session";
import { baseStyles } from "../styles";
import styles from "./rsu-sign-in.styles";

const { t } = translator(messages);

/**
 * @summary Signs someone in with user name and password, in the field app and in the back office; the API
 * sets an httpOnly session cookie.
 * @event rsu-signed-in - Signed in; `detail.user` is the user.
 */
export default class RsuSignIn extends LitElement {
  static override styles = [baseStyles, styles];
  static override properties = {
    notice: {},
    intro: {},
    failure: { state: true },
    busy: { state: true },
  };

  /** Shown above the form, e.g. why one must sign in again. */
  notice = "";
  /** Who gives the credentials, in the app's words; nothing when empty. */
  intro = "";
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
      this.failure = failureText(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`<form @submit=${this.handleSubmit}>
      <h2>${t("signInHeading")}</h2>
      ${this.notice ? html`<p class="status" role="status">${this.notice}</p>` : nothing}
      ${this.intro ? html`<p>${this.intro}</p>` : nothing}
      <label>${t("username")} <input name="username" autocomplete="username" autocapitalize="off" spellcheck="false" required /></label>
      <label>${t("password")} <input name="password" type="password" autocomplete="current-password" required /></label>
      ${this.failure ? html`<p class="status error" role="alert">${this.failure}</p>` : nothing}
      <button type="submit" ?disabled=${this.busy}>${this.busy ? t("signingIn") : t("signIn")}</button>
    </form>`;
  }
}

/** Wrong password, locked account: the server says which, in both languages; otherwise why there is no answer. */
function failureText(error: unknown): string {
  if (error instanceof ApiError && error.problem) return pick(error.problem.message);
  if (error instanceof ApiError && !error.unanswered) return t("serverError", { status: error.status });
  return t("serverUnreachable");
}
