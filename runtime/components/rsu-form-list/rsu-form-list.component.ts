import { html, nothing } from "lit";
import type { PublishedFormSummary } from "../../../schemas/contracts/api";
import { listPublishedForms } from "../../api-client";
import { ApiError } from "../../shared/request";
import { LoadingScreen } from "../../shared/loading-screen";
import { renderLoadFailure } from "../../shared/load-failure-view";
import { formSelectEvent } from "../../events/rsu-form-select";
import { isNewVersion, markVersionSeen } from "../../offline/seen-form-versions";
import { sessionExpiredEvent } from "../../shared/events/rsu-session-expired";
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
    forms: { state: true },
    failed: { state: true },
  };

  /** Undefined while loading. */
  forms?: PublishedFormSummary[];
  failed = false;

  protected override async load() {
    this.failed = false;
    this.forms = undefined;
    try {
      this.forms = await listPublishedForms();
    } catch (error) {
      this.failed = true;
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
