import { css, html, nothing } from "lit";
import { LoadingScreen } from "../../../kit/loading-screen";
import { diffDraft, publishDraft, type VersionDiff } from "../../api/forms";
import { failureText } from "../../api/failure-text";
import { formCancelEvent } from "../../events/rsu-form-cancel";
import { t } from "../../i18n";
import { sharedStyles } from "../../styles/shared.styles";
import { renderChanges } from "./changes-view";
import { maskPublishedEvent } from "./rsu-mask-published";

/**
 * @summary Publishing a draft (admins, issue 5): the changes against the latest published version,
 * grouped breaking / compatible / cosmetic; breaking changes need an explicit confirmation and a reason.
 * @event rsu-mask-published - A version was published.
 * @event rsu-form-cancel - The admin closed the dialog without publishing.
 */
export default class RsuMaskPublish extends LoadingScreen {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        margin: 0 0 1rem;
      }
      section.changes {
        margin: 0.5rem 0;
        padding: 0.5rem 1rem;
        border-left: 6px solid var(--rsu-color-muted);
        background: var(--rsu-color-background);
      }
      section.breaking {
        border-left-color: var(--rsu-color-danger);
      }
      section.compatible {
        border-left-color: var(--rsu-color-primary);
      }
      h4 {
        margin: 0.25rem 0;
      }
      textarea {
        font: inherit;
        font-weight: normal;
        padding: 0.5rem;
        min-height: 4rem;
        border: 1px solid var(--rsu-color-muted);
        border-radius: 6px;
      }
    `,
  ];
  static override properties = {
    formId: { attribute: false },
    diff: { state: true },
    confirmed: { state: true },
    reason: { state: true },
    busy: { state: true },
    failure: { state: true },
  };

  formId = "";
  diff?: VersionDiff;
  confirmed = false;
  reason = "";
  busy = false;
  failure = "";

  protected override async load() {
    this.failure = "";
    try {
      this.diff = await diffDraft(this.formId);
    } catch (error) {
      this.failure = failureText(error);
    }
  }

  private get breaking(): boolean {
    return this.diff?.changes.some((c) => c.class === "breaking") ?? false;
  }

  private async handleSubmit(event: Event) {
    event.preventDefault();
    if (this.breaking && !this.reason.trim()) {
      this.failure = t("reasonRequired");
      return;
    }
    this.busy = true;
    this.failure = "";
    try {
      const version = await publishDraft(this.formId, this.breaking ? { confirmBreaking: this.confirmed, reason: this.reason.trim() } : {});
      this.dispatchEvent(maskPublishedEvent(this.formId, version));
    } catch (error) {
      this.failure = failureText(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const diff = this.diff;
    const ready = !!diff && (!this.breaking || (this.confirmed && this.reason.trim() !== ""));
    return html`<form class="panel" aria-labelledby="publish-heading" @submit=${this.handleSubmit}>
      <h3 id="publish-heading">${t("publishHeading", { id: this.formId })}</h3>
      ${diff ? renderChanges(diff) : this.failure ? nothing : html`<p role="status">${t("publishLoading")}</p>`}
      ${
        this.breaking
          ? html`<label class="check">
              <input type="checkbox" .checked=${this.confirmed} @change=${(e: Event) => (this.confirmed = (e.target as HTMLInputElement).checked)} />
              ${t("confirmBreaking")}
            </label>
            <label>
              ${t("breakingReason")}
              <textarea .value=${this.reason} @input=${(e: Event) => (this.reason = (e.target as HTMLTextAreaElement).value)}></textarea>
            </label>`
          : nothing
      }
      ${this.failure ? html`<p class="status error" role="alert">${this.failure}</p>` : nothing}
      <div class="actions">
        <button type="submit" ?disabled=${!ready || this.busy}>${t("publishConfirm")}</button>
        <button type="button" class="secondary" @click=${() => this.dispatchEvent(formCancelEvent())}>${t("cancel")}</button>
      </div>
    </form>`;
  }
}
