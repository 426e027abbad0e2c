import { css, html, LitElement, nothing } from "lit";
import { ApiError } from "../../../kit/request";
import { sessionExpiredEvent } from "../../../kit/events/rsu-session-expired";
import { createRelease } from "../../api/exports";
import { failureText } from "../../api/failure-text";
import { getLanguage, LanguageController, t } from "../../i18n";
import { sharedStyles } from "../../styles/shared.styles";
import { groupFieldErrors, type FieldMessages } from "../../views/field-errors";
import { renderTextField } from "../../views/text-field";

/**
 * @summary What the API offers of the catalogue (issue #17): the specification, XLSX, CSV, DDI, in the
 * reader's language; and, for those who write it, creating a named release.
 * @event rsu-session-expired - The API answered 401.
 */
export default class RsuCatalogueExports extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      .links { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-bottom: 0.75rem; }
      form { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: end; }
    `,
  ];
  static override properties = {
    canWrite: { type: Boolean },
    notice: { state: true },
    failure: { state: true },
    busy: { state: true },
  };

  canWrite = false;
  notice = "";
  failure = "";
  busy = false;
  private messages: FieldMessages | null = null;

  constructor() {
    super();
    new LanguageController(this);
  }

  private async handleSubmit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const name = String(new FormData(form).get("releaseName") ?? "").trim();
    this.busy = true;
    this.failure = "";
    this.notice = "";
    try {
      const release = await createRelease(name);
      this.messages = null;
      this.notice = t("releaseCreated", { name: release.name });
      form.reset();
    } catch (error) {
      if (error instanceof ApiError && error.unauthenticated) return void this.dispatchEvent(sessionExpiredEvent());
      const fieldErrors = (error instanceof ApiError ? error.fieldErrors : []).map((e) => ({
        ...e,
        pointer: e.pointer === "/name" ? "/releaseName" : e.pointer,
      }));
      this.messages = fieldErrors.length ? groupFieldErrors(fieldErrors, ["releaseName"]) : null;
      this.failure = this.messages ? [t("formHasErrors"), ...this.messages.other].join(" ") : failureText(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const lang = getLanguage();
    const link = (query: string, label: string, download = true) =>
      html`<a class="button" href=${`/api/catalogue/export?${query}`} ?download=${download} target=${download ? nothing : "_blank"}>${label}</a>`;
    return html`<section aria-labelledby="catalogue-exports">
      <h3 id="catalogue-exports">${t("catalogueExportsHeading")}</h3>
      <div class="links">
        ${link(`format=html&lang=${lang}`, t("catalogueSpecification"), false)} ${link("format=xlsx", t("catalogueXlsx"))}
        ${link("format=csv&sheet=variables", t("catalogueCsvVariables"))} ${link("format=csv&sheet=code_lists", t("catalogueCsvCodeLists"))}
        ${link("format=ddi", t("catalogueDdi"))}
      </div>
      ${
        this.canWrite
          ? html`<form novalidate @submit=${this.handleSubmit}>
            ${renderTextField("releaseName", t("releaseName"), this.messages)}
            <button type="submit" ?disabled=${this.busy}>${t("createRelease")}</button>
          </form>`
          : nothing
      }
      ${this.failure ? html`<p class="status error" role="alert">${this.failure}</p>` : nothing}
      <p role="status">${this.notice}</p>
    </section>`;
  }
}
