import { html, nothing } from "lit";
import { LoadingScreen } from "../../../kit/loading-screen";
import type { Variable } from "../../../schemas/catalogue/types";
import type { DraftCheck } from "../../../schemas/contracts/forms";
import { listCodeLists, searchVariables } from "../../api/catalogue";
import { failureText } from "../../api/failure-text";
import { getDesignerConfig, getDraft, saveDraft, type DraftBody } from "../../api/forms";
import { ApiError } from "../../../kit/request";
import { sessionExpiredEvent } from "../../../kit/events/rsu-session-expired";
import { renderLoadFailure } from "../../../kit/load-failure-view";
import { getLanguage, t } from "../../i18n";
import type { RsuMaskPublishedEvent } from "../rsu-mask-publish/rsu-mask-published";
import "../rsu-mask-publish/rsu-mask-publish";
import type { MaskDesigner } from "./creator-setup";
import { renderProblems } from "./problems-view";
import { sharedStyles } from "../../styles/shared.styles";
import styles from "./rsu-mask-designer.styles";

/** `GET /api/variables` pages at most this many. */
const CATALOGUE_PAGE = 500;

type Phase = { kind: "loading" } | { kind: "failed"; text: string } | { kind: "ready" };

const NO_PROBLEM: DraftCheck = { publishable: false, errors: [], warnings: [] };

/**
 * @summary The mask designer (issue 5): SurveyJS Creator, loaded on demand, with a toolbox made from the
 * catalogue; saves the draft, shows its binding check on the questions and in a list, and opens the
 * publish dialog (admins) once the saved draft has no error. Creator lives in a shadow root of its own,
 * with its CSS adopted there (see creator-setup.ts): the back office's tabs are themselves in a shadow root,
 * where the page's global stylesheets never reach (STACK.md trap 1).
 * @event rsu-session-expired - The API answered 401.
 */
export default class RsuMaskDesigner extends LoadingScreen {
  static override styles = [sharedStyles, styles];
  static override properties = {
    formId: { attribute: false },
    canPublish: { attribute: false },
    phase: { state: true },
    check: { state: true },
    dirty: { state: true },
    saving: { state: true },
    notice: { state: true },
    failure: { state: true },
    publishing: { state: true },
  };

  formId = "";
  /** Publishing is for admins; designers save drafts. */
  canPublish = false;
  phase: Phase = { kind: "loading" };
  /** The check of the last saved draft. */
  check: DraftCheck = NO_PROBLEM;
  /** Changed since the last save: the check no longer speaks of what is on screen. */
  dirty = false;
  saving = false;
  notice = "";
  failure = "";
  publishing = false;

  private designer?: MaskDesigner;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.designer?.dispose();
    this.designer = undefined;
  }

  protected override willUpdate(): void {
    this.designer?.setLanguage(getLanguage());
  }

  protected override async load() {
    this.phase = { kind: "loading" };
    try {
      // Creator's code is fetched only now, alongside the data it needs.
      const [setup, draft, variables, codeLists, config] = await Promise.all([
        import("./creator-setup"),
        this.loadDraft(),
        loadVariables(),
        listCodeLists(),
        getDesignerConfig(),
      ]);
      this.phase = { kind: "ready" };
      await this.updateComplete;
      // Creator gets a shadow root of its own, inside this one: the back office's styles of buttons,
      // inputs and labels must not reach Creator's, nor Creator's ours.
      const frame = this.renderRoot.querySelector<HTMLElement>(".creator")!;
      const root = frame.shadowRoot ?? frame.attachShadow({ mode: "open" });
      const host = document.createElement("div");
      host.style.height = "100%";
      root.replaceChildren(host);
      this.designer = setup.createMaskDesigner({
        root,
        host,
        mask: draft.mask,
        variables,
        codeLists,
        licenseKey: config.surveyJsLicenseKey,
        onModified: () => this.handleModified(),
      });
      this.showCheck(draft.check);
    } catch (error) {
      this.phase = { kind: "failed", text: failureText(error) };
      this.reportSessionEnd(error);
    }
  }

  /** A form created a moment ago has no draft yet: Creator starts from an empty mask. */
  private async loadDraft(): Promise<Pick<DraftBody, "mask" | "check">> {
    try {
      return await getDraft(this.formId);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404 && error.problem?.code !== "form_not_found")
        return { mask: {}, check: NO_PROBLEM };
      throw error;
    }
  }

  private showCheck(check: DraftCheck) {
    this.check = check;
    this.designer?.showProblems(check);
  }

  private handleModified() {
    this.dirty = true;
    this.notice = "";
  }

  private async handleSave() {
    if (!this.designer) return;
    this.saving = true;
    this.failure = "";
    try {
      const saved = await saveDraft(this.formId, this.designer.mask());
      this.dirty = false;
      this.notice = t("draftSaved");
      this.showCheck(saved.check);
    } catch (error) {
      this.failure = failureText(error, "saveFailed");
      this.reportSessionEnd(error);
    } finally {
      this.saving = false;
    }
  }

  private handlePublished(event: RsuMaskPublishedEvent) {
    this.publishing = false;
    this.notice = t("published", { version: event.detail.version.version });
  }

  /** The dialog's cancel stops here: the forms list around the designer must not take it for its own. */
  private handlePublishCancel = (event: Event) => {
    event.stopPropagation();
    this.publishing = false;
  };

  private reportSessionEnd(error: unknown) {
    if (error instanceof ApiError && error.unauthenticated) this.dispatchEvent(sessionExpiredEvent());
  }

  override render() {
    const phase = this.phase;
    const blocked = this.dirty ? t("publishUnsaved") : this.check.errors.length || !this.check.publishable ? t("publishBlocked") : "";
    return html`
      <div class="bar">
        <h2>${t("designerHeading", { id: this.formId })}</h2>
        ${
          phase.kind === "ready"
            ? html`<div class="actions">
              <button ?disabled=${this.saving} @click=${this.handleSave}>${this.saving ? t("saving") : t("saveDraft")}</button>
              ${
                this.canPublish
                  ? html`<button class="secondary" ?disabled=${!!blocked || this.publishing} aria-describedby="blocked" @click=${() => (this.publishing = true)}>${t("publish")}</button>`
                  : nothing
              }
            </div>`
            : nothing
        }
      </div>
      <div role="status" class="said">
        ${this.notice ? html`<p class="saved">${this.notice}</p>` : nothing}
        ${this.dirty ? html`<p>${t("unsavedChanges")}</p>` : nothing}
        ${this.canPublish && blocked && phase.kind === "ready" && !this.dirty ? html`<p id="blocked">${blocked}</p>` : nothing}
      </div>
      ${this.failure ? html`<p class="status error" role="alert">${this.failure}</p>` : nothing}
      ${phase.kind === "loading" ? html`<p role="status">${t("designerLoading")}</p>` : nothing}
      ${phase.kind === "failed" ? renderLoadFailure(phase.text, () => void this.load()) : nothing}
      ${phase.kind === "ready" ? renderProblems(this.check, (pointer, question) => this.designer?.reveal(pointer, question)) : nothing}
      ${
        this.publishing
          ? html`<rsu-mask-publish .formId=${this.formId} @rsu-mask-published=${this.handlePublished} @rsu-form-cancel=${this.handlePublishCancel}></rsu-mask-publish>`
          : nothing
      }
      <div class="creator" ?hidden=${phase.kind !== "ready"}></div>
    `;
  }
}

/** Every variable, whatever its status: deprecated ones are not offered, but questions already bound to them stay bound. */
async function loadVariables(): Promise<Variable[]> {
  const variables: Variable[] = [];
  for (let offset = 0; ; offset += CATALOGUE_PAGE) {
    const page = await searchVariables({ limit: CATALOGUE_PAGE, offset });
    variables.push(...page.items);
    if (page.items.length < CATALOGUE_PAGE || variables.length >= page.total) return variables;
  }
}
