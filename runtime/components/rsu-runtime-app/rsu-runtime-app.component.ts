import { html, LitElement, nothing } from "lit";
import type { PublishedFormSummary } from "../../../schemas/contracts/api";
import type { FormAnswers } from "../../../schemas/contracts/submissions";
import { getCurrentUser, signOut, type SignedInUser } from "../../shared/session";
import { LanguageController } from "../../shared/language.controller";
import type { RsuFormSelectEvent } from "../../events/rsu-form-select";
import type { RsuSignedInEvent } from "../../shared/events/rsu-signed-in";
import { t } from "../../i18n";
import { headerStyles, renderLanguageSwitch, renderTitle } from "../../shared/header-view";
import { sharedStyles } from "../../styles/shared.styles";
import "../rsu-area-households/rsu-area-households";
import "../rsu-form-list/rsu-form-list";
import "../rsu-my-submissions/rsu-my-submissions";
import "../../shared/rsu-sign-in/rsu-sign-in";
import styles from "./rsu-runtime-app.styles";

/**
 * SurveyJS is nine tenths of the runtime's weight: the shell and the list come first on a slow link,
 * the form library right after.
 */
const loadFormEntry = () => import("../rsu-form-entry/rsu-form-entry");

/** The screens a signed-in clerk moves between when no questionnaire is open. */
type View = "forms" | "households" | "submissions";

/** Roles whose registry is limited to their areas: they get the list of their area's households. */
const AREA_BOUND_ROLES = ["clerk", "supervisor"];

/**
 * @summary The clerk's shell: title, who is signed in, sign-out, language switch, sign-in; then the list of
 * questionnaires (and, for clerks and supervisors, the households of their area and « Mes envois »), then the
 * chosen questionnaire, empty or prefilled.
 * @slot - The questionnaire being filled. It lives in light DOM so the page's SurveyJS styles reach it.
 */
export default class RsuRuntimeApp extends LitElement {
  static override styles = [sharedStyles, headerStyles, styles];
  static override properties = {
    user: { state: true },
    sessionEnded: { state: true },
    form: { state: true },
    entryFailed: { state: true },
    view: { state: true },
  };

  /** undefined while the session is checked, null when nobody is signed in. */
  user?: SignedInUser | null;
  /** The session ended during work: say so on the sign-in form. */
  sessionEnded = false;
  form?: PublishedFormSummary;
  /** The form library could not be fetched (offline before it was ever loaded). */
  entryFailed = false;
  view: View = "forms";

  constructor() {
    super();
    new LanguageController(this);
    this.addEventListener("rsu-form-close", () => this.handleClose());
    this.addEventListener("rsu-answers-open", (event) => void this.open(event.detail.answers.form, event.detail.answers));
    this.addEventListener("rsu-session-expired", () => this.handleSessionExpired());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.checkSession();
  }

  override firstUpdated(): void {
    // Fetched while the clerk signs in or reads the list, so the questionnaire opens without waiting.
    void loadFormEntry().catch(() => {});
  }

  private async checkSession() {
    try {
      this.user = await getCurrentUser();
    } catch {
      // Not signed in (401), or offline: the sign-in form says which when the clerk tries.
      this.user = null;
    }
  }

  private handleSignedIn(event: RsuSignedInEvent) {
    this.user = event.detail.user;
    this.sessionEnded = false;
  }

  /** The questionnaire stays in the page, hidden, so its answers survive signing in again. */
  private handleSessionExpired() {
    this.user = null;
    this.sessionEnded = true;
  }

  private async handleSignOut() {
    await signOut().catch(() => {});
    this.handleClose();
    this.user = null;
    this.sessionEnded = false;
    this.view = "forms";
  }

  private handleSelect(event: RsuFormSelectEvent) {
    return this.open(event.detail.form);
  }

  /** Opens a questionnaire, empty or prefilled (the update of a household, the correction of a submission). */
  private async open(form: PublishedFormSummary, prefill?: FormAnswers) {
    this.entryFailed = false;
    try {
      await loadFormEntry();
    } catch {
      this.entryFailed = true;
      return;
    }
    this.form = form;
    const entry = document.createElement("rsu-form-entry");
    entry.form = form;
    if (prefill) entry.prefill = prefill;
    this.replaceChildren(entry);
  }

  private handleClose() {
    this.form = undefined;
    this.replaceChildren();
  }

  override render() {
    document.title = t("appTitle");
    return html`
      <header>
        <div class="bar">
          ${renderTitle(t("appTitle"))}
          <div class="tools">
            ${
              this.user
                ? html`<span class="user">${t("signedInAs", { name: this.user.displayName ?? this.user.username })}</span>
                  <button class="on-primary" @click=${this.handleSignOut}>${t("signOut")}</button>`
                : nothing
            }
            ${renderLanguageSwitch()}
          </div>
        </div>
      </header>
      <main>${this.renderMain()}</main>
    `;
  }

  private renderMain() {
    if (this.user === undefined) return html`<p class="status" role="status">${t("checkingSession")}</p>`;
    return html`
      ${
        this.user === null
          ? html`<rsu-sign-in .notice=${this.sessionEnded ? t("sessionExpired") : ""} .intro=${t("signInIntro")} @rsu-signed-in=${this.handleSignedIn}></rsu-sign-in>`
          : nothing
      }
      ${this.entryFailed ? html`<p class="status error" role="alert">${t("formFailed")}</p>` : nothing}
      <div ?hidden=${this.user === null}>
        ${this.form ? html`<slot></slot>` : this.user ? this.renderLists(this.user) : nothing}
      </div>
    `;
  }

  private renderLists(user: SignedInUser) {
    if (!user.roles.some((role) => AREA_BOUND_ROLES.includes(role))) {
      return html`<rsu-form-list @rsu-form-select=${this.handleSelect}></rsu-form-list>`;
    }
    const tab = (view: View, label: string) =>
      html`<button class="secondary" aria-current=${this.view === view ? "page" : "false"} @click=${() => (this.view = view)}>${label}</button>`;
    return html`
      <nav class="views" aria-label=${t("viewsNav")}>
        ${tab("forms", t("navForms"))} ${tab("households", t("navHouseholds"))} ${tab("submissions", t("navSubmissions"))}
      </nav>
      ${
        this.view === "forms"
          ? html`<rsu-form-list @rsu-form-select=${this.handleSelect}></rsu-form-list>`
          : this.view === "households"
            ? html`<rsu-area-households .areas=${user.areas ?? []}></rsu-area-households>`
            : html`<rsu-my-submissions></rsu-my-submissions>`
      }
    `;
  }
}
