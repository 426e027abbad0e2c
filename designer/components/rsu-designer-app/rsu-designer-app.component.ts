import { html, LitElement } from "lit";
import { loadCodeLabels, type CodeLabels } from "../../../kit/code-labels";
import { forgetUser, rememberUser } from "../../../kit/remembered-user";
import { getCurrentUser, signOut, type SignedInUser } from "../../../kit/session";
import type { RsuSignedInEvent } from "../../../kit/events/rsu-signed-in";
import { LanguageController, t } from "../../i18n";
import "../../../kit/rsu-sign-in/rsu-sign-in";
import { headerStyles } from "../../../kit/header-view";
import { baseStyles } from "../../../kit/styles";
import { onSubScreenTopicChange } from "../../../kit/sub-screen-help";
import { renderHeader } from "./header-view";
import styles from "./rsu-designer-app.styles";
import { sectionsFor } from "./sections";

/**
 * @summary The back office's frame: sign-in, then a title bar with the user and the tabs their roles
 * open (registry, users, API tokens, audit log), each tab at its own address (`#utilisateurs`).
 */
export default class RsuDesignerApp extends LitElement {
  static override styles = [baseStyles, headerStyles, styles];
  static override properties = {
    user: { state: true },
    sessionEnded: { state: true },
    labels: { state: true },
    route: { state: true },
  };

  /** undefined while the session is checked, null when nobody is signed in. */
  user?: SignedInUser | null;
  sessionEnded = false;
  /** Code labels of the published masks, read once per sign-in and shared by every tab. */
  labels: CodeLabels = new Map();
  /** The tab asked for by the address; the first tab the user may open when it names none of theirs. */
  route = location.hash.slice(1);

  private readonly handleHashChange = () => (this.route = location.hash.slice(1));
  /** « Aide » follows the sub-screen opened inside the tab. */
  private stopFollowingHelp?: () => void;

  constructor() {
    super();
    new LanguageController(this);
    this.addEventListener("rsu-session-expired", () => this.end(true));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener("hashchange", this.handleHashChange);
    this.stopFollowingHelp = onSubScreenTopicChange(() => this.requestUpdate());
    // Nobody signed in, or the server cannot say: the sign-in form.
    void getCurrentUser().then(
      (user) => this.start(user),
      () => (this.user = null),
    );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener("hashchange", this.handleHashChange);
    this.stopFollowingHelp?.();
  }

  private start(user: SignedInUser) {
    this.user = user;
    // The session cookie is the runtime's too: remembered, the runtime opened next asks the server who is
    // signed in instead of showing its sign-in form (it asks only when someone signed in on this device).
    rememberUser(user);
    this.sessionEnded = false;
    loadCodeLabels()
      .then((labels) => (this.labels = labels))
      .catch(() => {});
  }

  private end(sessionEnded: boolean) {
    this.user = null;
    this.sessionEnded = sessionEnded;
  }

  private async handleSignOut() {
    await signOut().catch(() => {});
    forgetUser();
    this.end(false);
  }

  private handleSignedIn(event: RsuSignedInEvent) {
    this.start(event.detail.user);
  }

  override render() {
    document.title = t("appTitle");
    const sections = this.user ? sectionsFor(this.user.roles) : [];
    // « #importations/<id> » opens a tab at one of its items: the tab is the address's first segment.
    const section = sections.find((s) => s.id === this.route.split("/")[0]) ?? sections[0];
    return html`
      ${renderHeader(this.user, sections, section?.id, () => this.handleSignOut())}
      <main>
        ${
          this.user === undefined
            ? html`<p role="status">${t("loading")}</p>`
            : this.user === null
              ? html`<rsu-sign-in .notice=${this.sessionEnded ? t("sessionExpired") : ""} @rsu-signed-in=${this.handleSignedIn}></rsu-sign-in>`
              : section
                ? section.render({ user: this.user, labels: this.labels })
                : html`<p class="status">${t("noSection")}</p>`
        }
      </main>
    `;
  }
}
