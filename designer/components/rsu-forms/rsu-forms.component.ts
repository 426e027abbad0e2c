import { css, html, nothing } from "lit";
import { SubScreenHelp } from "../../../kit/sub-screen-help";
import { SUB_SCREEN_TOPICS } from "../../help-topics";
import { LoadingScreen } from "../../../kit/loading-screen";
import { ApiError } from "../../../kit/request";
import { sessionExpiredEvent } from "../../../kit/events/rsu-session-expired";
import { LatestRequestController } from "../../../kit/latest-request.controller";
import { renderLoadFailure } from "../../../kit/load-failure-view";
import { failureText } from "../../api/failure-text";
import { createForm, listForms, retireVersion, type FormSummary, type VersionSummary } from "../../api/forms";
import { byText, RecordTable, type TableColumn } from "../../../kit/paged-table";
import { formatDate, pick, t } from "../../i18n";
import { sharedStyles } from "../../styles/shared.styles";
import { groupFieldErrors, type FieldMessages } from "../../views/field-errors";
import "../rsu-mask-designer/rsu-mask-designer";
import "../rsu-xlsform-import/rsu-xlsform-import";
import { renderCreateForm } from "./create-form-view";
import { renderRetireForm } from "./retire-form-view";
import { renderVersions } from "./versions-view";

/** Fields a 422 on creation may name (`/id`, `/title/fr`). */
const FIELDS = ["id", "title"] as const;

type Editing =
  | { kind: "none" }
  | { kind: "create"; messages: FieldMessages | null }
  | { kind: "import" }
  | { kind: "retire"; formId: string; version: number; failure: string }
  | { kind: "design"; formId: string };

/**
 * @summary The « Masques » tab (issue 5): every form with its draft and published versions; creating a
 * form; opening one in the mask designer; retiring a version (admins).
 * @event rsu-session-expired - The API answered 401.
 */
export default class RsuForms extends LoadingScreen {
  static override styles = [
    sharedStyles,
    css`
      ul.versions {
        margin: 0;
        padding-left: 1rem;
      }
      ul.versions li.retired {
        color: var(--rsu-color-muted);
      }
      ul.versions button {
        margin-left: 0.5rem;
      }
      form.panel {
        margin-bottom: 1rem;
      }
    `,
  ];
  static override properties = {
    canPublish: { attribute: false },
    forms: { state: true },
    editing: { state: true },
    busy: { state: true },
    notice: { state: true },
  };

  /** Admins publish and retire; designers draft. */
  canPublish = false;
  forms?: FormSummary[];
  editing: Editing = { kind: "none" };
  busy = false;
  notice = "";

  private readonly requests = new LatestRequestController(this);
  private readonly table = new RecordTable(this);
  // Retiring a version is the versions' section; the designer and the XLSForm import declare their own.
  private readonly help = new SubScreenHelp(this, () => (this.editing.kind === "retire" ? SUB_SCREEN_TOPICS.maskVersions : undefined));

  constructor() {
    super();
    this.addEventListener("rsu-mask-published", () => void this.load());
    // An imported XLSForm opens at once in the designer, as a form just created does.
    this.addEventListener("rsu-xlsform-imported", (event) => {
      this.notice = t("formCreated", { id: event.detail.formId });
      this.editing = { kind: "design", formId: event.detail.formId };
      void this.load();
    });
    this.addEventListener("rsu-form-cancel", () => {
      if (this.editing.kind === "import") this.editing = { kind: "none" };
    });
  }

  protected override load() {
    return this.requests.run(async (signal) => {
      this.forms = await listForms(signal);
    });
  }

  private async handleCreate(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const id = String(data.get("id") ?? "").trim();
    this.busy = true;
    try {
      await createForm(id, { fr: String(data.get("titleFr") ?? "").trim(), en: String(data.get("titleEn") ?? "").trim() });
      this.notice = t("formCreated", { id });
      this.editing = { kind: "design", formId: id };
      void this.load();
    } catch (error) {
      if (this.reportSessionEnd(error)) return;
      const fieldErrors = error instanceof ApiError ? error.fieldErrors : [];
      const messages = fieldErrors.length ? groupFieldErrors(fieldErrors, FIELDS) : { byField: new Map(), other: [failureText(error)] };
      // The two title inputs share the server's `/title` errors.
      const title = messages.byField.get("title");
      if (title) for (const field of ["titleFr", "titleEn"]) messages.byField.set(field, title);
      if (!messages.byField.has("id") && !title) messages.byField.set("id", messages.other);
      this.editing = { kind: "create", messages };
    } finally {
      this.busy = false;
    }
  }

  private async handleRetire(event: SubmitEvent) {
    event.preventDefault();
    const editing = this.editing;
    if (editing.kind !== "retire") return;
    const reason = String(new FormData(event.target as HTMLFormElement).get("reason") ?? "").trim();
    if (!reason) {
      this.editing = { ...editing, failure: t("reasonRequired") };
      return;
    }
    this.busy = true;
    try {
      await retireVersion(editing.formId, editing.version, reason);
      this.notice = t("versionRetiredNotice", { version: editing.version, id: editing.formId });
      this.editing = { kind: "none" };
      void this.load();
    } catch (error) {
      if (!this.reportSessionEnd(error)) this.editing = { ...editing, failure: failureText(error) };
    } finally {
      this.busy = false;
    }
  }

  private reportSessionEnd(error: unknown): boolean {
    if (!(error instanceof ApiError && error.unauthenticated)) return false;
    this.dispatchEvent(sessionExpiredEvent());
    return true;
  }

  override render() {
    const editing = this.editing;
    if (editing.kind === "design") {
      return html`<button class="secondary small" @click=${this.handleBack}>← ${t("backToForms")}</button>
        <rsu-mask-designer .formId=${editing.formId} .canPublish=${this.canPublish}></rsu-mask-designer>`;
    }
    return html`
      <div class="heading">
        <h2>${t("formsHeading")}</h2>
        ${
          editing.kind === "none"
            ? html`<div class="actions">
              <button @click=${() => (this.editing = { kind: "create", messages: null })}>${t("newForm")}</button>
              <button class="secondary" @click=${() => (this.editing = { kind: "import" })}>${t("xlsImport")}</button>
            </div>`
            : nothing
        }
      </div>
      <div role="status">${this.notice ? html`<p class="status success">${this.notice}</p>` : nothing}</div>
      ${editing.kind === "import" ? html`<rsu-xlsform-import></rsu-xlsform-import>` : nothing}
      ${editing.kind === "create" ? renderCreateForm(this.busy, editing.messages, (e) => this.handleCreate(e), this.handleCancel) : nothing}
      ${
        editing.kind === "retire"
          ? renderRetireForm(editing.formId, editing.version, this.busy, editing.failure, (e) => this.handleRetire(e), this.handleCancel)
          : nothing
      }
      ${this.requests.failed ? renderLoadFailure(failureText(this.requests.error), () => void this.load()) : nothing}
      ${this.requests.loading && !this.forms ? html`<p role="status">${t("loading")}</p>` : nothing}
      ${this.table.render({ label: t("formsHeading"), columns: this.columns(), rows: this.forms, loading: false, empty: t("noForms") })}
    `;
  }

  private handleBack = () => {
    this.editing = { kind: "none" };
    this.notice = "";
    void this.load();
  };

  private handleCancel = () => (this.editing = { kind: "none" });

  private columns(): TableColumn<FormSummary>[] {
    const onRetire = this.canPublish
      ? (v: VersionSummary, formId: string) => (this.editing = { kind: "retire", formId, version: v.version, failure: "" })
      : null;
    return [
      {
        header: t("colForm"),
        rowHeader: true,
        cell: (form) => html`<span class="code">${form.id}</span><br />${pick(form.title)}`,
        compare: byText((form) => form.id),
      },
      {
        header: t("colDraft"),
        cell: (form) => (form.draftUpdatedAt ? t("draftSavedOn", { date: formatDate(form.draftUpdatedAt, "compact") }) : t("draftNone")),
        compare: byText((form) => form.draftUpdatedAt ?? ""),
      },
      { header: t("colVersions"), cell: (form) => renderVersions(form, onRetire && ((v) => onRetire(v, form.id))) },
      {
        header: t("colActions"),
        cellClass: "row-actions",
        cell: (form) =>
          html`<button class="small" aria-label=${t("openDesignerLabel", { id: form.id })} @click=${() => (this.editing = { kind: "design", formId: form.id })}>${t("openDesigner")}</button>`,
      },
    ];
  }
}
