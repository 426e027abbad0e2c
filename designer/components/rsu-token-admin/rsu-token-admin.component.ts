import { html, nothing } from "lit";
import { LoadingScreen } from "../../../kit/loading-screen";
import { ApiError } from "../../../kit/request";
import { failureText } from "../../api/failure-text";
import { listTokens, revokeToken, type ApiTokenView } from "../../api/tokens";
import { listUsers, type UserAccount } from "../../api/users";
import { sessionExpiredEvent } from "../../../kit/events/rsu-session-expired";
import type { RsuTokenCreatedEvent } from "../../events/rsu-token-created";
import { byText, RecordTable, type TableColumn } from "../../../kit/paged-table";
import { formatDate, t, tCode } from "../../i18n";
import { sharedStyles } from "../../styles/shared.styles";
import "../rsu-token-form/rsu-token-form";
import { confirmAction } from "../../../kit/confirm";
import styles from "./rsu-token-admin.styles";
import { copySecret, renderSecret, type CopyState } from "./secret-view";

/**
 * @summary Machine tokens (admins only): who each acts for, with which role, until when, last use;
 * issue one (its secret shown once), revoke one after confirmation.
 * @event rsu-session-expired - The API answered 401.
 */
export default class RsuTokenAdmin extends LoadingScreen {
  static override styles = [sharedStyles, styles];
  static override properties = {
    tokens: { state: true },
    users: { state: true },
    creating: { state: true },
    issued: { state: true },
    copy: { state: true },
    busy: { state: true },
    failure: { state: true },
    notice: { state: true },
  };

  /** Undefined while loading. */
  tokens?: ApiTokenView[];
  users: UserAccount[] = [];
  creating = false;
  /** The token just issued, with its secret: kept only until the administrator says it is copied. */
  issued?: { token: ApiTokenView; secret: string };
  copy: CopyState = "idle";
  busy = false;
  failure = "";
  notice = "";
  private readonly table = new RecordTable(this);

  constructor() {
    super();
    this.addEventListener("rsu-token-created", (event) => this.handleCreated(event));
    this.addEventListener("rsu-form-cancel", () => (this.creating = false));
  }

  protected override async load() {
    try {
      [this.tokens, this.users] = await Promise.all([listTokens(), listUsers()]);
    } catch (error) {
      this.fail(error);
    }
  }

  private fail(error: unknown) {
    if (error instanceof ApiError && error.unauthenticated) this.dispatchEvent(sessionExpiredEvent());
    else this.failure = failureText(error);
  }

  private async handleNew() {
    this.creating = true;
    this.notice = "";
    this.failure = "";
    await this.updateComplete;
    this.renderRoot.querySelector("rsu-token-form")?.focus();
  }

  private async handleCreated(event: RsuTokenCreatedEvent) {
    this.creating = false;
    this.issued = event.detail;
    this.copy = "idle";
    void this.load();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>("#secret-heading")?.focus();
  }

  private async handleCopy() {
    if (!this.issued) return;
    this.copy = (await copySecret(this.renderRoot.querySelector("#secret"), this.issued.secret)) ? "copied" : "failed";
  }

  /** A revocation cannot be undone: the kit's dialog asks first, Cancel focused so that Enter never revokes. */
  private async handleRevoke(token: ApiTokenView) {
    const confirmed = await confirmAction({
      heading: t("revokeQuestion", { name: token.name }),
      message: t("revokeExplain"),
      confirmLabel: t("confirmRevoke"),
      danger: true,
    });
    if (!confirmed) return;
    this.busy = true;
    this.failure = "";
    try {
      await revokeToken(token.id);
      await this.load();
      // Said once the list shows it, so the reader (and a test) never sees the notice beside a stale row.
      this.notice = t("tokenRevoked", { name: token.name });
    } catch (error) {
      this.fail(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`
      <div class="heading">
        <h2>${t("tokensHeading")}</h2>
        ${this.creating || this.issued ? nothing : html`<button @click=${this.handleNew}>${t("newToken")}</button>`}
      </div>
      <p>${t("tokensIntro")}</p>
      <p>
        ${t("apiReferenceIntro")} <a href="/api/reference">${t("apiReference")}</a>,
        <a href="/api/openapi.json">${t("openApiDocument")}</a>.
      </p>
      <div role="status">${this.notice ? html`<p class="status success">${this.notice}</p>` : nothing}</div>
      ${this.failure ? html`<p class="status error" role="alert">${this.failure}</p>` : nothing}
      ${this.creating ? html`<rsu-token-form .users=${this.users.filter((u) => u.active)}></rsu-token-form>` : nothing}
      ${
        this.issued
          ? renderSecret(
              this.issued.token.name,
              this.issued.secret,
              this.copy,
              () => this.handleCopy(),
              () => (this.issued = undefined),
            )
          : nothing
      }
      ${this.tokens ? this.renderTable(this.tokens) : this.failure ? nothing : html`<p role="status">${t("loading")}</p>`}
    `;
  }

  private renderTable(tokens: ApiTokenView[]) {
    return html`
      ${tokens.length ? html`<p class="count">${t("tokensCount", { count: tokens.length })}</p>` : nothing}
      ${this.table.render({
        label: t("tokensHeading"),
        columns: this.columns(new Map(this.users.map((u) => [u.id, u]))),
        rows: tokens,
        loading: false,
        empty: t("noTokens"),
        rowClass: (token) => (token.revokedAt || expired(token) ? "ended" : ""),
      })}
    `;
  }

  private columns(userOf: Map<string, UserAccount>): TableColumn<ApiTokenView>[] {
    const userName = (token: ApiTokenView) => userOf.get(token.userId)?.displayName ?? token.userId;
    return [
      { header: t("colTokenName"), rowHeader: true, cell: (token) => token.name, compare: byText((token) => token.name) },
      {
        header: t("colTokenUser"),
        cell: (token) => {
          const user = userOf.get(token.userId);
          return user ? html`${user.displayName} <code>(${user.username})</code>` : html`<code>${token.userId}</code>`;
        },
        compare: byText(userName),
      },
      { header: t("colTokenRole"), cell: (token) => tCode("role_", token.role) },
      {
        header: t("colTokenCreated"),
        cell: (token) => formatDate(token.createdAt, "compact"),
        compare: byText((token) => token.createdAt),
      },
      {
        header: t("colTokenExpires"),
        cell: (token) =>
          token.expiresAt
            ? html`${formatDate(token.expiresAt, "compact")}${expired(token) ? html` <strong>(${t("expired")})</strong>` : nothing}`
            : t("noExpiry"),
        compare: byText((token) => token.expiresAt ?? "9999"),
      },
      {
        header: t("colTokenLastUsed"),
        cell: (token) => (token.lastUsedAt ? formatDate(token.lastUsedAt, "compact") : t("never")),
        compare: byText((token) => token.lastUsedAt ?? ""),
      },
      { header: t("colTokenRevoked"), cell: (token) => (token.revokedAt ? formatDate(token.revokedAt, "compact") : t("none")) },
      {
        header: t("colActions"),
        cellClass: "row-actions",
        cell: (token) =>
          token.revokedAt
            ? nothing
            : html`<button class="secondary danger small" aria-label=${t("revokeLabel", { name: token.name })} ?disabled=${this.busy} @click=${() => this.handleRevoke(token)}>
                ${t("revoke")}
              </button>`,
      },
    ];
  }
}

const expired = (token: ApiTokenView) => token.expiresAt !== null && new Date(token.expiresAt) < new Date();
