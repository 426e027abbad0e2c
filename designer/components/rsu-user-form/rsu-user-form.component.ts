import { html, LitElement, nothing, type PropertyValues } from "lit";
import { SubScreenHelp } from "../../../kit/sub-screen-help";
import { SUB_SCREEN_TOPICS } from "../../help-topics";
import { areaTree, coveredAreas } from "../../api/areas";
import type { CodeLabels } from "../../../kit/code-labels";
import { ApiError } from "../../../kit/request";
import { failureText } from "../../api/failure-text";
import { AREA_BOUND_ROLES, createUser, GRANTS, ROLES, updateUser, type UserAccount } from "../../api/users";
import { formCancelEvent } from "../../events/rsu-form-cancel";
import { sessionExpiredEvent } from "../../../kit/events/rsu-session-expired";
import { userSavedEvent } from "../../events/rsu-user-saved";
import { LanguageController, t, tCode } from "../../i18n";
import { sharedStyles } from "../../styles/shared.styles";
import { fieldState, groupFieldErrors, renderFieldError, type FieldMessages } from "../../views/field-errors";
import { renderTextField } from "../../views/text-field";
import { renderAreaPicker } from "./area-picker-view";
import styles from "./rsu-user-form.styles";

/** Fields a 422 may name (JSON pointers `/username`, `/roles/0`…); others are shown above the form. */
const FIELDS = ["username", "displayName", "password", "roles", "areas", "grants"] as const;

/**
 * @summary Creates an account, or changes the name, roles, areas and grants of one (`user` set).
 * The server checks everything; its per-field errors show next to their fields, in the reader's language.
 * @event rsu-user-saved - Saved; `detail.user` as the server now holds it.
 * @event rsu-form-cancel - Closed without saving.
 * @event rsu-session-expired - The API answered 401.
 */
export default class RsuUserForm extends LitElement {
  static override styles = [sharedStyles, styles];
  /** Focusing the element focuses its first field. */
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override properties = {
    user: { attribute: false },
    labels: { attribute: false },
    roles: { state: true },
    areas: { state: true },
    busy: { state: true },
    messages: { state: true },
    failure: { state: true },
  };

  /** The account being changed; undefined to create one. */
  user?: UserAccount;
  labels: CodeLabels = new Map();
  /** Ticked roles and areas, kept as state: they decide which other fields show. */
  roles = new Set<string>();
  areas = new Set<string>();
  busy = false;
  messages: FieldMessages | null = null;
  failure = "";

  constructor() {
    super();
    new LanguageController(this);
    new SubScreenHelp(this, () => (this.user ? SUB_SCREEN_TOPICS.userEdit : undefined));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("user")) {
      this.roles = new Set(this.user?.roles ?? []);
      this.areas = new Set(this.user?.areas ?? []);
      this.messages = null;
      this.failure = "";
    }
  }

  private get areaBound(): boolean {
    return [...this.roles].some((role) => AREA_BOUND_ROLES.includes(role));
  }

  private toggle(set: "roles" | "areas", code: string, checked: boolean) {
    const next = new Set(this[set]);
    if (checked) next.add(code);
    else next.delete(code);
    this[set] = next;
  }

  private async handleSubmit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const roles = ROLES.filter((role) => this.roles.has(role));
    // What a ticked area contains is covered already: sending it too would only add noise to the account.
    const covered = coveredAreas(areaTree(this.labels), this.areas);
    const areas = this.areaBound ? [...this.areas].filter((code) => !covered.has(code)) : [];
    const grants = roles.includes("analyst") ? form.getAll("grants").map(String) : [];
    const displayName = String(form.get("displayName") ?? "").trim();
    this.busy = true;
    this.messages = null;
    this.failure = "";
    try {
      const saved = this.user
        ? await updateUser(this.user.id, { ...(displayName ? { displayName } : {}), roles, areas, grants })
        : await createUser({
            username: String(form.get("username") ?? "").trim(),
            password: String(form.get("password") ?? ""),
            ...(displayName ? { displayName } : {}),
            roles,
            areas,
            grants,
          });
      this.dispatchEvent(userSavedEvent(saved, !this.user));
    } catch (error) {
      void this.handleFailure(error);
    } finally {
      this.busy = false;
    }
  }

  private async handleFailure(error: unknown) {
    if (error instanceof ApiError && error.unauthenticated) {
      this.dispatchEvent(sessionExpiredEvent());
      return;
    }
    const fieldErrors = error instanceof ApiError ? error.fieldErrors : [];
    if (!fieldErrors.length) {
      this.failure = failureText(error);
      return;
    }
    this.messages = groupFieldErrors(fieldErrors, FIELDS);
    this.failure = [t("formHasErrors"), ...this.messages.other].join(" ");
    await this.updateComplete;
    this.renderRoot
      .querySelector<HTMLElement>('[aria-invalid="true"]:is(input, select), fieldset[aria-invalid="true"] input:enabled')
      ?.focus();
  }

  override render() {
    const editing = this.user;
    return html`<form class="panel" novalidate @submit=${this.handleSubmit}>
      <h3>${editing ? t("editHeading", { username: editing.username }) : t("createHeading")}</h3>
      ${this.failure ? html`<p class="status error" role="alert">${this.failure}</p>` : nothing}
      ${editing ? nothing : renderTextField("username", t("username"), this.messages, { hint: t("usernameHint"), autocomplete: "off" })}
      ${renderTextField("displayName", t("displayName"), this.messages, { value: editing?.displayName ?? "", autocomplete: "off" })}
      ${editing ? nothing : renderTextField("password", t("initialPassword"), this.messages, { hint: t("passwordHint"), type: "password", autocomplete: "new-password" })}
      ${this.renderRoles()}
      ${this.areaBound ? renderAreaPicker(areaTree(this.labels), this.areas, this.messages, (code, on) => this.toggle("areas", code, on)) : nothing}
      ${this.roles.has("analyst") ? this.renderGrants() : nothing}
      <div class="actions">
        <button type="submit" ?disabled=${this.busy}>${this.busy ? t("saving") : editing ? t("save") : t("createUser")}</button>
        <button type="button" class="secondary" @click=${() => this.dispatchEvent(formCancelEvent())}>${t("cancel")}</button>
      </div>
    </form>`;
  }

  private renderRoles() {
    const state = fieldState("roles", this.messages);
    return html`<fieldset aria-invalid=${state.invalid} aria-describedby=${state.describedBy || nothing}>
      <legend>${t("rolesLegend")}</legend>
      ${renderFieldError("roles", this.messages)}
      <div class="choices">
        ${ROLES.map(
          (role) => html`<label class="check">
            <input type="checkbox" value=${role} .checked=${this.roles.has(role)} @change=${(e: Event) => this.toggle("roles", role, (e.target as HTMLInputElement).checked)} />
            <span>${tCode("role_", role)}</span>
          </label>`,
        )}
      </div>
    </fieldset>`;
  }

  private renderGrants() {
    const state = fieldState("grants", this.messages);
    return html`<fieldset aria-invalid=${state.invalid} aria-describedby=${state.describedBy || nothing}>
      <legend>${t("grantsLegend")}</legend>
      ${renderFieldError("grants", this.messages)}
      <div class="choices">
        ${GRANTS.map(
          (grant) => html`<label class="check">
            <input type="checkbox" name="grants" value=${grant} ?checked=${this.user?.grants.includes(grant) ?? false} />
            <span>${tCode("grant_", grant)}</span>
          </label>`,
        )}
      </div>
    </fieldset>`;
  }
}
