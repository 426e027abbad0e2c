import { html, nothing } from "lit";
import { LoadingScreen } from "../../../kit/loading-screen";
import { describeArea } from "../../api/areas";
import type { CodeLabels } from "../../../kit/code-labels";
import { ApiError } from "../../../kit/request";
import { failureText } from "../../api/failure-text";
import { listUsers, unlockUser, updateUser, type UserAccount } from "../../api/users";
import type { RsuUserSavedEvent } from "../../events/rsu-user-saved";
import { sessionExpiredEvent } from "../../../kit/events/rsu-session-expired";
import { byNumber, byText, RecordTable, type TableColumn } from "../../../kit/paged-table";
import { formatDate, t, tCode } from "../../i18n";
import { sharedStyles } from "../../styles/shared.styles";
import "../rsu-password-reset/rsu-password-reset";
import "../rsu-user-form/rsu-user-form";
import styles from "./rsu-user-admin.styles";

/** What the screen shows above the list: nothing, the creation form, or one account's forms. */
type Editing = { kind: "none" } | { kind: "create" } | { kind: "edit"; user: UserAccount };

/**
 * @summary The accounts (admins only): who they are, their roles and areas, whether they may sign in;
 * create one, change one, deactivate or reactivate it, reset its password.
 * @event rsu-session-expired - The API answered 401.
 */
export default class RsuUserAdmin extends LoadingScreen {
  static override styles = [sharedStyles, styles];
  static override properties = {
    labels: { attribute: false },
    currentUserId: { attribute: false },
    users: { state: true },
    editing: { state: true },
    failure: { state: true },
    notice: { state: true },
    busyId: { state: true },
  };

  /** Labels of area codes, from the published masks. */
  labels: CodeLabels = new Map();
  /** The administrator at the screen, who may not deactivate themselves (the API refuses it too). */
  currentUserId = "";
  /** Undefined while loading. */
  users?: UserAccount[];
  editing: Editing = { kind: "none" };
  failure = "";
  /** What the last change did, said once. */
  notice = "";
  /** The account whose activation is being changed. */
  busyId = "";

  private readonly table = new RecordTable(this);

  constructor() {
    super();
    this.addEventListener("rsu-user-saved", (event) => this.handleSaved(event));
    this.addEventListener("rsu-form-cancel", () => this.openForm({ kind: "none" }));
  }

  protected override async load() {
    try {
      this.users = await listUsers();
    } catch (error) {
      this.fail(error);
    }
  }

  private fail(error: unknown) {
    if (error instanceof ApiError && error.unauthenticated) this.dispatchEvent(sessionExpiredEvent());
    else this.failure = failureText(error);
  }

  private async openForm(editing: Editing) {
    this.editing = editing;
    this.notice = "";
    this.failure = "";
    await this.updateComplete;
    // The form takes the focus so that keyboard and screen-reader users land where they meant to go.
    (this.renderRoot.querySelector("rsu-user-form") ?? this.renderRoot.querySelector<HTMLElement>("h2"))?.focus();
  }

  private handleSaved(event: RsuUserSavedEvent) {
    const { user, created } = event.detail;
    this.editing = { kind: "none" };
    this.notice = t(created ? "userCreated" : "userSaved", { username: user.username });
    void this.load();
  }

  private handleActive(user: UserAccount, active: boolean) {
    return this.act(user, () => updateUser(user.id, { active }), active ? "userReactivated" : "userDeactivated");
  }

  private handleUnlock(user: UserAccount) {
    return this.act(user, () => unlockUser(user.id), "userUnlocked");
  }

  /** Runs one row action, then says so once the list shows its effect. */
  private async act(user: UserAccount, call: () => Promise<unknown>, notice: "userReactivated" | "userDeactivated" | "userUnlocked") {
    this.busyId = user.id;
    this.notice = "";
    this.failure = "";
    try {
      await call();
      await this.load();
      this.notice = t(notice, { username: user.username });
    } catch (error) {
      this.fail(error);
    } finally {
      this.busyId = "";
    }
  }

  override render() {
    const editing = this.editing;
    return html`
      <div class="heading">
        <h2 tabindex="-1">${t("usersHeading")}</h2>
        ${editing.kind === "none" ? html`<button @click=${() => this.openForm({ kind: "create" })}>${t("newUser")}</button>` : nothing}
      </div>
      <div role="status">${this.notice ? html`<p class="status success">${this.notice}</p>` : nothing}</div>
      ${this.failure ? html`<p class="status error" role="alert">${this.failure}</p>` : nothing}
      ${editing.kind === "create" ? html`<rsu-user-form .labels=${this.labels}></rsu-user-form>` : nothing}
      ${
        editing.kind === "edit"
          ? html`<div class="editing">
            <rsu-user-form .user=${editing.user} .labels=${this.labels}></rsu-user-form>
            <rsu-password-reset .user=${editing.user}></rsu-password-reset>
          </div>`
          : nothing
      }
      ${this.users ? this.renderTable(this.users) : this.failure ? nothing : html`<p role="status">${t("loading")}</p>`}
    `;
  }

  private renderTable(users: UserAccount[]) {
    return html`
      <p class="count">${t("usersCount", { count: users.length })}</p>
      ${this.table.render({
        label: t("usersHeading"),
        columns: this.columns(),
        rows: users,
        loading: false,
        empty: t("noUsers"),
        rowClass: (user) => (user.active ? "" : "inactive"),
      })}
    `;
  }

  private columns(): TableColumn<UserAccount>[] {
    return [
      {
        header: t("colUsername"),
        rowHeader: true,
        cell: (user) => html`<code>${user.username}</code>`,
        compare: byText((user) => user.username),
      },
      { header: t("colDisplayName"), cell: (user) => user.displayName, compare: byText((user) => user.displayName) },
      { header: t("colRoles"), cell: (user) => user.roles.map((role) => tCode("role_", role)).join(", ") },
      {
        header: t("colAreas"),
        cell: (user) => (user.areas.length ? user.areas.map((code) => describeArea(this.labels, code)).join(", ") : t("none")),
      },
      {
        header: t("colActive"),
        cell: (user) => html`${user.active ? t("yes") : t("no")}
          ${user.lockedUntil ? html`<br /><small>${t("lockedUntil", { time: formatDate(user.lockedUntil, "compact") })}</small>` : nothing}`,
        compare: byNumber((user) => Number(!user.active)),
      },
      { header: t("colActions"), cellClass: "row-actions", cell: (user) => this.renderActions(user) },
    ];
  }

  private renderActions(user: UserAccount) {
    return html`<button class="secondary small" aria-label=${t("editUserLabel", { username: user.username })} @click=${() => this.openForm({ kind: "edit", user })}>
        ${t("editUser")}
      </button>
      ${this.renderActivation(user)}
      ${
        user.lockedUntil
          ? html`<button class="secondary small" ?disabled=${this.busyId === user.id}
              aria-label=${t("unlockLabel", { username: user.username })} @click=${() => this.handleUnlock(user)}>
              ${t("unlock")}
            </button>`
          : nothing
      }`;
  }

  /** Deactivate or reactivate; nothing on the administrator's own row, since one may not lock oneself out. */
  private renderActivation(user: UserAccount) {
    if (user.id === this.currentUserId) return nothing;
    const [label, text, className] = user.active
      ? [t("deactivateLabel", { username: user.username }), t("deactivate"), "secondary danger small"]
      : [t("reactivateLabel", { username: user.username }), t("reactivate"), "secondary small"];
    return html`<button class=${className} ?disabled=${this.busyId === user.id} aria-label=${label} @click=${() => this.handleActive(user, !user.active)}>
      ${text}
    </button>`;
  }
}
