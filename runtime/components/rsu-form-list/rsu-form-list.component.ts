import { html, nothing } from "lit";
import type { PublishedFormSummary } from "../../../schemas/contracts/api";
import { listPublishedForms } from "../../api-client";
import { ApiError } from "../../../kit/request";
import { LoadingScreen } from "../../../kit/loading-screen";
import { renderLoadFailure } from "../../../kit/load-failure-view";
import { formSelectEvent } from "../../events/rsu-form-select";
import { isNewVersion, markVersionSeen } from "../../offline/seen-form-versions";
import { knownForms, rememberForms } from "../../offline/known-forms";
import { UPDATE_CHECK_MS } from "../../offline/service-worker";
import { sessionExpiredEvent } from "../../../kit/events/rsu-session-expired";
import { formatDate, pick, t } from "../../i18n";
import { sharedStyles } from "../../styles/shared.styles";
import styles from "./rsu-form-list.styles";

/**
 * @summary The published questionnaires a clerk may fill, newest version of each.
 * @event rsu-form-select - The clerk chose a questionnaire.
 */
export default class RsuFormList extends LoadingScreen {
  static override styles = [sharedStyles, styles];
  static override properties = {
    userId: { attribute: false },
    forms: { state: true },
    failed: { state: true },
  };

  /** Whose list this device remembers. */
  userId = "";
  /** Undefined while loading. */
  forms?: PublishedFormSummary[];
  failed = false;

  private checking?: ReturnType<typeof setInterval>;
  private readonly check = () => void this.load();

  override connectedCallback(): void {
    super.connectedCallback();
    // A tablet keeps the list open for days: a version published meanwhile is announced when the link
    // returns and every half hour, as the app's own new versions are (service-worker.ts).
    window.addEventListener("online", this.check);
    this.checking = setInterval(this.check, UPDATE_CHECK_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener("online", this.check);
    clearInterval(this.checking);
  }

  /** The list this device last had shows at once; the server's answer replaces it when it comes. */
  protected override async load() {
    this.failed = false;
    this.forms ??= this.userId ? knownForms(this.userId) : undefined;
    try {
      this.forms = await listPublishedForms();
      if (this.userId) rememberForms(this.userId, this.forms);
    } catch (error) {
      // Unanswered with a remembered list: it stays (the service worker's copy would be the same).
      this.failed = this.forms === undefined || (error instanceof ApiError && error.unauthenticated);
      if (error instanceof ApiError && error.unauthenticated) this.dispatchEvent(sessionExpiredEvent());
    }
  }

  private handleChoose(form: PublishedFormSummary) {
    markVersionSeen(form);
    this.dispatchEvent(formSelectEvent(form));
  }

  override render() {
    return html`
      <h2>${t("formsHeading")}</h2>
      ${
        this.failed
          ? renderLoadFailure(t("formsFailed"), () => this.load())
          : this.forms === undefined
            ? html`<p class="status" role="status">${t("formsLoading")}</p>`
            : this.renderForms(this.forms)
      }
    `;
  }

  private renderForms(forms: PublishedFormSummary[]) {
    if (!forms.length) return html`<p class="status">${t("formsEmpty")}</p>`;
    return html`<ul>
      ${forms.map(
        (form) => html`<li>
          <div>
            <p class="title">${pick(form.title)}</p>
            <p class="meta">
              ${t("formVersion", { version: form.version })} ·
              ${t("formPublishedOn", { date: formatDate(form.publishedAt) })}
              ${isNewVersion(form) ? html`<strong class="new">${t("formNewVersion")}</strong>` : nothing}
            </p>
          </div>
          <button aria-label=${t("formFillLabel", { title: pick(form.title) })} @click=${() => this.handleChoose(form)}>
            ${t("formFill")}
          </button>
        </li>`,
      )}
    </ul>`;
  }
}
