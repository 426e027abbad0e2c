import { html, nothing } from "lit";
import { LoadingScreen } from "../../../kit/loading-screen";
import type { CodeLabels } from "../../../kit/code-labels";
import type {
  ReviewDecisionRequest,
  ReviewItemDetail,
  ReviewItemPage,
  ReviewItemSummary,
  ReviewKind,
  ReviewStatus,
} from "../../../schemas/contracts/review";
import {
  decideReviewItem,
  getReviewItem,
  listReviewItems,
  returnSubmission,
  REVIEW_KINDS,
  REVIEW_STATUSES,
  undoMerge,
} from "../../api/review";
import { failureText } from "../../api/failure-text";
import { LatestRequestController } from "../../../kit/latest-request.controller";
import { renderLoadFailure } from "../../../kit/load-failure-view";
import { PagedTable, type TableColumn } from "../../../kit/paged-table";
import { formatDate, formatScore, pick, t, tCode, type MessageKey } from "../../i18n";
import { sharedStyles } from "../../styles/shared.styles";
import { renderReviewDetail } from "./review-detail-view";
import styles from "./rsu-review-queue.styles";
import { fileListStyles } from "../file-list/file-list-view";
import { VariableNames } from "../file-list/variable-names";

const PAGE_SIZE = 50;

/**
 * @summary The supervisors' review queue (issue #6): filtered list, then one item with both sides,
 * the explained score and the decision buttons (merge, different, later, undo, send back).
 * @event rsu-session-expired - The API answered 401.
 */
export default class RsuReviewQueue extends LoadingScreen {
  static override styles = [sharedStyles, fileListStyles, styles];
  static override properties = {
    page: { state: true },
    detail: { state: true },
    notice: { state: true },
    labels: { attribute: false },
  };

  /** The mask's code labels (sex, relation, commune), from the frame. */
  labels: CodeLabels = new Map();
  page?: ReviewItemPage;
  detail?: ReviewItemDetail;
  /** Kept as a key so that it follows a change of language. */
  notice: MessageKey | "" = "";

  private kind?: ReviewKind;
  private status?: ReviewStatus = "open";
  private readonly requests = new LatestRequestController(this);
  private readonly variables = new VariableNames();
  private readonly table = new PagedTable(this, PAGE_SIZE, () => void this.load());

  protected override load() {
    return this.requests.run(async (signal) => {
      this.page = await listReviewItems({ kind: this.kind, status: this.status, limit: PAGE_SIZE, offset: this.table.offset }, signal);
    });
  }

  private open(id: string) {
    this.notice = "";
    return this.requests.run(async (signal) => {
      const detail = await getReviewItem(id, signal);
      await this.variables.learn(detail.files.map((f) => f.variable));
      this.detail = detail;
    });
  }

  /** Every action ends by re-reading the item: the server says what it became (decided, open again). */
  private act(work: () => Promise<unknown>, notice: MessageKey | "" = "") {
    const id = this.detail!.id;
    return this.requests.run(async (signal) => {
      await work();
      this.detail = await getReviewItem(id, signal);
      this.notice = notice;
    });
  }

  /** "Same" confirms the key conflicts the screen shows (the API refuses any other, e.g. one that appeared since). */
  private decision(decision: ReviewDecisionRequest["decision"], comment: string): ReviewDecisionRequest {
    const confirm = decision === "same" ? (this.detail?.merge?.conflicts ?? []).filter((c) => c.key).map((c) => c.path) : [];
    return { decision, ...(comment ? { comment } : {}), ...(confirm.length ? { confirm } : {}) };
  }

  private handleFilter(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    this.kind = (data.get("kind") as ReviewKind) || undefined;
    this.status = (data.get("status") as ReviewStatus) || undefined;
    this.table.restart();
  }

  override render() {
    const failure = this.requests.failed ? renderLoadFailure(failureText(this.requests.error), () => void this.load()) : nothing;
    if (this.detail) {
      return html`
        <button type="button" class="secondary" @click=${() => {
          this.detail = undefined;
          void this.load();
        }}>${t("backToQueue")}</button>
        ${failure}
        ${this.notice ? html`<p role="status">${t(this.notice)}</p>` : nothing}
        ${renderReviewDetail(this.detail, this.labels, this.variables.name, {
          decide: (decision, comment) => void this.act(() => decideReviewItem(this.detail!.id, this.decision(decision, comment))),
          undo: (mergeId) => void this.act(() => undoMerge(mergeId), "mergeUndone"),
          returnToClerk: (submissionId, comment) => void this.act(() => returnSubmission(submissionId, comment), "returned"),
        })}
      `;
    }
    return html`
      <h2>${t("reviewHeading")}</h2>
      <p>${t("reviewIntro")}</p>
      <form class="filters" @submit=${(e: SubmitEvent) => this.handleFilter(e)}>
        <label>${t("filterKind")}
          <select name="kind">
            <option value="">${t("allKinds")}</option>
            ${REVIEW_KINDS.map((kind) => html`<option value=${kind} ?selected=${kind === this.kind}>${tCode("review_kind_", kind)}</option>`)}
          </select>
        </label>
        <label>${t("filterStatus")}
          <select name="status">
            <option value="">${t("allStatuses")}</option>
            ${REVIEW_STATUSES.map((status) => html`<option value=${status} ?selected=${status === this.status}>${tCode("review_status_", status)}</option>`)}
          </select>
        </label>
        <button type="submit">${t("applyFilters")}</button>
      </form>
      ${failure}
      <p role="status">${this.requests.loading ? t("loading") : this.page ? t("reviewCount", { count: this.page.total }) : ""}</p>
      ${this.table.render({ label: t("reviewHeading"), columns: this.columns(), page: this.page, loading: this.requests.loading, empty: t("noReviewItems") })}
    `;
  }

  private columns(): TableColumn<ReviewItemSummary>[] {
    return [
      { header: t("colReviewKind"), cell: (item) => tCode("review_kind_", item.kind), compare: (a, b) => a.kind.localeCompare(b.kind) },
      {
        header: t("colReviewScore"),
        cell: (item) => (item.score === null ? "—" : formatScore(item.score)),
        numeric: true,
        compare: (a, b) => (a.score ?? -1) - (b.score ?? -1),
      },
      { header: t("colReviewSummary"), cell: (item) => pick(item.summary) },
      {
        header: t("colReviewStatus"),
        cell: (item) => tCode("review_status_", item.status),
        compare: (a, b) => a.status.localeCompare(b.status),
      },
      {
        header: t("colReviewCreated"),
        cell: (item) => formatDate(item.createdAt, "compact"),
        compare: (a, b) => a.createdAt.localeCompare(b.createdAt),
      },
      {
        header: t("colActions"),
        cell: (item) => html`<button type="button" @click=${() => void this.open(item.id)}>${t("openItem")}</button>`,
      },
    ];
  }
}
