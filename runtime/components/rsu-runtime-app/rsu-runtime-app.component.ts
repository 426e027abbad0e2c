import { html, LitElement, nothing } from "lit";
import type { PublishedFormSummary } from "../../../schemas/contracts/api";
import type { FormAnswers } from "../../../schemas/contracts/submissions";
import { getCurrentUser, signOut, type SignedInUser } from "../../../kit/session";
import { ApiError } from "../../../kit/request";
import type { Draft } from "../../offline/db";
import { countUnsent } from "../../offline/outbox";
import { startSending, stopSending } from "../../offline/outbox-sender";
import { forgetUser, rememberedUser, rememberUser } from "../../../kit/remembered-user";
import { keepFormsForOffline } from "../../offline/form-versions";
import { knownForms } from "../../offline/known-forms";
import { registerServiceWorker } from "../../offline/service-worker";
import { LanguageController } from "../../../kit/language.controller";
import type { RsuFormSelectEvent } from "../../events/rsu-form-select";
import type { RsuSignedInEvent } from "../../../kit/events/rsu-signed-in";
import { t } from "../../i18n";
import { headerStyles, renderLanguageSwitch, renderTitle } from "../../../kit/header-view";
import { renderHelpLink } from "../../../kit/help-link";
import { HELP_TOPICS } from "../../help-topics";
import { sharedStyles } from "../../styles/shared.styles";
import "../rsu-area-households/rsu-area-households";
import "../rsu-drafts/rsu-drafts";
import "../rsu-outbox/rsu-outbox";
import "../rsu-form-list/rsu-form-list";
import "../rsu-my-submissions/rsu-my-submissions";
import "../../../kit/rsu-sign-in/rsu-sign-in";
import styles from "./rsu-runtime-app.styles";

/**
 * SurveyJS is nine tenths of the runtime's weight: the shell and the list come first on a slow link,
 * the form library right after.
 */
const loadFormEntry = () => import("../rsu-form-entry/rsu-form-entry");

/** The screens a signed-in clerk moves between when no questionnaire is open. */
type View = "forms" | "drafts" | "households" | "submissions";

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
    offline: { state: true },
    unsent: { state: true },
    applyUpdate: { state: true },
  };

  /** undefined while the session is checked, null when nobody is signed in. */
  user?: SignedInUser | null;
  /** The session ended during work: say so on the sign-in form. */
  sessionEnded = false;
  form?: PublishedFormSummary;
  /** The form library could not be fetched (offline before it was ever loaded). */
  entryFailed = false;
  view: View = "forms";
  offline = !navigator.onLine;
  /** Asked before signing out with work left on the device. */
  unsent?: { drafts: number; outbox: number };
  /** Set when a new version of the app waits; calling it takes it. */
  applyUpdate?: () => void;
  private readonly handleConnectivity = () => {
    this.offline = !navigator.onLine;
    if (!this.offline && this.user) void keepFormsForOffline().catch(() => {});
  };

  constructor() {
    super();
    new LanguageController(this);
    this.addEventListener("rsu-form-close", () => {
      this.handleClose();
      this.prepareQuestionnaires();
    });
    this.addEventListener("rsu-answers-open", (event) => void this.open(event.detail.answers.form, event.detail.answers));
    this.addEventListener("rsu-draft-open", (event) => void this.open(event.detail.draft.form, undefined, event.detail.draft));
    this.addEventListener("rsu-session-expired", () => this.handleSessionExpired());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener("online", this.handleConnectivity);
    window.addEventListener("offline", this.handleConnectivity);
    registerServiceWorker((apply) => (this.applyUpdate = apply));
    void this.checkSession();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener("online", this.handleConnectivity);
    window.removeEventListener("offline", this.handleConnectivity);
  }

  override firstUpdated(): void {
    // Fetched while the clerk signs in or reads the list, so the questionnaire opens without waiting.
    void loadFormEntry().catch(() => {});
    this.prepareQuestionnaires();
  }

  /** The questionnaires of the list this device last had are built while the clerk reads it (#18). */
  private prepareQuestionnaires() {
    const userId = this.user?.id;
    if (!userId) return;
    loadFormEntry().then(
      ({ prepareQuestionnaires }) => prepareQuestionnaires(knownForms(userId) ?? []),
      () => {},
    );
  }

  private async checkSession() {
    // Nobody signed in on this device: the sign-in form at once, rather than a question to the server
    // whose only answer is a 401 in the console.
    const remembered = rememberedUser();
    if (!remembered) {
      this.user = null;
      return;
    }
    // The clerk who signed in last and did not sign out gets their screens at once, offline too; the
    // server's answer about the session follows over a slow link and corrects it (#18).
    this.signedIn(remembered);
    try {
      const user = await getCurrentUser();
      // The session is another clerk's: nothing of the remembered one stays on screen.
      if (user.id !== remembered.id) this.handleClose();
      this.signedIn(user);
      void keepFormsForOffline().catch(() => {});
    } catch (error) {
      // Unanswered (offline): the remembered clerk stays; the server checks again once the link is back.
      if (error instanceof ApiError && error.unauthenticated) {
        forgetUser();
        this.handleSessionExpired();
      } else if (!(error instanceof ApiError && error.unanswered)) {
        this.user = null;
      }
    }
  }

  private signedIn(user: SignedInUser) {
    // The server confirming the remembered clerk does not restart their sending.
    const sending = this.user?.id === user.id;
    this.user = user;
    rememberUser(user);
    if (!sending) startSending(user.id, () => this.handleSessionExpired());
  }

  private handleSignedIn(event: RsuSignedInEvent) {
    // Another clerk on the same tablet never sees the questionnaire the previous one left open.
    const previous = this.lastUserId;
    if (previous && previous !== event.detail.user.id) this.handleClose();
    this.signedIn(event.detail.user);
    this.sessionEnded = false;
    void keepFormsForOffline().catch(() => {});
    this.prepareQuestionnaires();
  }

  /** Whose questionnaire may still be open, hidden, while the sign-in form shows. */
  private lastUserId?: string;

  /**
   * The questionnaire stays in the page, hidden, so its answers survive signing in again; drafts and the
   * outbox stay on the device and sending resumes once the same clerk signs in.
   */
  private handleSessionExpired() {
    stopSending();
    this.lastUserId = this.user?.id;
    this.user = null;
    this.sessionEnded = true;
  }

  private async handleSignOut() {
    const user = this.user;
    if (!user) return;
    if (!this.unsent) {
      const unsent = await countUnsent(user.id);
      if (unsent.drafts || unsent.outbox) {
        this.unsent = unsent;
        return;
      }
    }
    this.unsent = undefined;
    await signOut().catch(() => {});
    stopSending();
    forgetUser();
    this.handleClose();
    this.user = null;
    this.sessionEnded = false;
    this.view = "forms";
  }

  private handleSelect(event: RsuFormSelectEvent) {
    return this.open(event.detail.form);
  }

  /** Opens a questionnaire, empty or prefilled (the update of a household, the correction of a submission). */
  private async open(form: PublishedFormSummary, prefill?: FormAnswers, draft?: Draft) {
    this.entryFailed = false;
    try {
      await loadFormEntry();
    } catch {
      this.entryFailed = true;
      return;
    }
    this.form = form;
    const entry = document.createElement("rsu-form-entry");
    entry.userId = this.user?.id ?? "";
    if (prefill) entry.prefill = prefill;
    if (draft) entry.draft = draft;
    entry.form = form;
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
            ${renderHelpLink(HELP_TOPICS[!this.user ? "signIn" : this.form ? "entry" : this.view])} ${renderLanguageSwitch()}
          </div>
        </div>
      </header>
      ${this.offline ? html`<p class="offline" role="status">${t("offline")}</p>` : nothing}
      ${this.renderUpdate()}
      <main>${this.renderUnsentWarning()}${this.renderMain()}</main>
    `;
  }

  /**
   * A new version reloads the page: offered only when no questionnaire is open, so the clerk never loses
   * their place in one; its draft would be kept anyway (#18).
   */
  private renderUpdate() {
    if (!this.applyUpdate) return nothing;
    return html`<div class="update" role="status">
      ${
        this.form
          ? html`<span>${t("appUpdateLater")}</span>`
          : html`<span>${t("appUpdate")}</span>
              <button class="secondary" @click=${this.applyUpdate}>${t("appUpdateApply")}</button>`
      }
    </div>`;
  }

  private renderUnsentWarning() {
    if (!this.unsent || !this.user) return nothing;
    return html`<div class="status error" role="alert">
      <p>${t("signOutUnsent", this.unsent)}</p>
      <div class="actions">
        <button @click=${this.handleSignOut}>${t("signOutAnyway")}</button>
        <button class="secondary" @click=${() => (this.unsent = undefined)}>${t("cancel")}</button>
      </div>
    </div>`;
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
    const areaBound = user.roles.some((role) => AREA_BOUND_ROLES.includes(role));
    const tab = (view: View, label: string) =>
      html`<button class="secondary" aria-current=${this.view === view ? "page" : "false"} @click=${() => (this.view = view)}>${label}</button>`;
    return html`
      <nav class="views" aria-label=${t("viewsNav")}>
        ${tab("forms", t("navForms"))} ${tab("drafts", t("navDrafts"))}
        ${areaBound ? html`${tab("households", t("navHouseholds"))} ${tab("submissions", t("navSubmissions"))}` : nothing}
      </nav>
      ${this.renderView(user)}
    `;
  }

  private renderView(user: SignedInUser) {
    switch (this.view) {
      case "forms":
        return html`<rsu-form-list .userId=${user.id} @rsu-form-select=${this.handleSelect}></rsu-form-list>`;
      case "drafts":
        return html`<rsu-drafts .userId=${user.id}></rsu-drafts><rsu-outbox .userId=${user.id}></rsu-outbox>`;
      case "households":
        return html`<rsu-area-households .areas=${user.areas ?? []}></rsu-area-households>`;
      case "submissions":
        return html`<rsu-my-submissions></rsu-my-submissions>`;
    }
  }
}
