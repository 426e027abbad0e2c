import { html, nothing } from "lit";
import type { MatchScore, MergePreview, PersonView, ReviewItemDetail } from "../../../schemas/contracts/review";
import type { CodeLabels } from "../../../kit/code-labels";
import { describeCode } from "../../../kit/code-labels";
import { renderFileList } from "../file-list/file-list-view";
import { formatDate, formatScore, pick, t, tCode, type MessageKey } from "../../i18n";

/**
 * The person fields a reviewer compares, in reading order, with their words (the registry's column names)
 * and, for coded ones, the mask variables whose labels turn a code into words.
 */
const COMPARED: readonly { field: string; label: MessageKey; variables?: readonly string[] }[] = [
  { field: "lastName", label: "colLastName" },
  { field: "firstName", label: "colFirstName" },
  { field: "sex", label: "colSex", variables: ["sex"] },
  { field: "birthDate", label: "colBirthDate" },
  { field: "nin", label: "colNin" },
  { field: "relationToHead", label: "colRelation", variables: ["relation_to_head"] },
  { field: "commune", label: "colCommune", variables: ["commune"] },
  { field: "village", label: "colVillage" },
  { field: "householdId", label: "colReviewHousehold" },
];

export interface DetailActions {
  decide(decision: "same" | "different" | "later", comment: string): void;
  undo(mergeId: string): void;
  returnToClerk(submissionId: string, comment: string): void;
}

/** Both sides in one table so that a difference reads across a line, highlighted. */
function renderSides(incoming: PersonView | null, existing: PersonView | null, differences: string[], labels: CodeLabels) {
  const value = (person: PersonView | null, field: string, variables?: readonly string[]) => {
    const raw = person ? (person as unknown as Record<string, unknown>)[field] : undefined;
    if (raw === null || raw === undefined || raw === "") return "—";
    // A household by its head's name, its id on hover (issue #21).
    if (field === "householdId")
      return html`<span title=${String(raw)}>${person?.householdName ?? t("householdOf", { id: String(raw).slice(0, 8) })}</span>`;
    return variables ? describeCode(labels, variables, String(raw), pick) : String(raw);
  };
  return html`<table class="sides">
    <thead><tr><th scope="col">${t("fieldLabel")}</th><th scope="col">${t("sideIncoming")}</th><th scope="col">${t("sideExisting")}</th></tr></thead>
    <tbody>
      ${COMPARED.map(
        ({ field, label, variables }) => html`<tr class=${differences.includes(field) ? "differs" : ""}>
        <th scope="row">${t(label)}</th><td>${value(incoming, field, variables)}</td><td>${value(existing, field, variables)}</td>
      </tr>`,
      )}
    </tbody>
  </table>`;
}

/** Each part of the score as a bar (0 to 1), then the reasons in words. */
function renderScore(score: MatchScore) {
  return html`<section class="score">
    <h3>${t("scoreHeading", { score: formatScore(score.total) })}</h3>
    ${Object.entries(score.components)
      .filter(([, part]) => part !== undefined)
      .map(
        ([name, part]) => html`
      <div class="bar-row"><span>${tCode("score_", name)}</span><meter min="0" max="1" value=${part}></meter><span>${formatScore(part as number)}</span></div>`,
      )}
    <ul>${score.explanation.map((line) => html`<li>${pick(line)}</li>`)}</ul>
  </section>`;
}

/** What "same" would not take as is (issue #14): each conflict, both values and the one kept. */
function renderConflicts(merge: MergePreview) {
  const shown = (variable: string, value: unknown) =>
    value === null || value === undefined ? "—" : variable === "members" ? t(value ? "memberPresent" : "memberRemoved") : String(value);
  return html`<section class="conflicts">
    <h4>${t("conflictsHeading", { current: merge.currentVersion })}</h4>
    <p>${t("conflictsIntro", { base: merge.baseVersion })}</p>
    <table>
      <thead><tr>
        <th scope="col">${t("colConflictVariable")}</th><th scope="col">${t("colConflictLine")}</th>
        <th scope="col">${t("colConflictHousehold")}</th><th scope="col">${t("colConflictSubmission")}</th><th scope="col">${t("colConflictKept")}</th>
      </tr></thead>
      <tbody>
        ${merge.conflicts.map(
          (c) => html`<tr class=${c.key ? "differs" : ""}>
          <th scope="row"><code>${c.variable}</code></th><td>${c.lineNumber ?? "—"}</td>
          <td>${shown(c.variable, c.household)}</td><td>${shown(c.variable, c.submission)}</td><td>${tCode("kept_", c.kept)}</td>
        </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}

function commentOf(event: Event): string {
  const form = (event.target as HTMLElement).closest("form")!;
  return (new FormData(form).get("comment") as string | null)?.trim() ?? "";
}

export function renderReviewDetail(
  item: ReviewItemDetail,
  labels: CodeLabels,
  nameVariable: (variable: string) => string,
  actions: DetailActions,
) {
  const submissionKinds = item.kind === "invalid_submission" || item.kind === "rejected_submission";
  return html`
    <h3>${tCode("review_kind_", item.kind)} — ${tCode("review_status_", item.status)}</h3>
    <p>${pick(item.summary)}</p>
    ${item.incoming || item.existing ? renderSides(item.incoming, item.existing, item.differences, labels) : nothing}
    ${item.merge?.conflicts.length ? renderConflicts(item.merge) : nothing}
    ${item.matchScore ? renderScore(item.matchScore) : nothing}
    ${renderFileList(item.files, (file) => `/api/submissions/${item.submissionId}/attachments/${file.attachment}`, nameVariable)}
    ${
      item.errors?.length
        ? html`<h4>${t("errorsHeading")}</h4>
      <ul class="errors">${item.errors.map((error) => html`<li><code>${error.pointer}</code> : ${pick(error.message)}</li>`)}</ul>`
        : nothing
    }
    ${
      item.reasons.length
        ? html`<h4>${t("reasonsHeading")}</h4>
      <ul>${item.reasons.map((reason) => html`<li>${pick(reason.message)}</li>`)}</ul>`
        : nothing
    }
    ${
      item.decision
        ? html`<p class="decided">${t("decidedBy", { decision: tCode("decision_", item.decision.decision), by: item.decision.byName ?? item.decision.by, at: formatDate(item.decision.at, true) })}
      ${item.decision.comment ? html`<br /><q>${item.decision.comment}</q>` : nothing}</p>`
        : nothing
    }
    ${item.decision?.mergeId ? html`<button type="button" @click=${() => actions.undo(item.decision!.mergeId!)}>${t("undoMerge")}</button>` : nothing}
    ${
      submissionKinds && item.submissionId
        ? html`<form class="decide" @submit=${(e: SubmitEvent) => {
            e.preventDefault();
            actions.returnToClerk(item.submissionId!, commentOf(e));
          }}>
          <label>${t("returnComment")}<textarea name="comment" required rows="3"></textarea></label>
          <button type="submit">${t("returnToClerk")}</button>
        </form>`
        : item.status !== "decided"
          ? html`<form class="decide" @submit=${(e: SubmitEvent) => e.preventDefault()}>
            <label>${t("decisionComment")}<textarea name="comment" rows="2"></textarea></label>
            <div class="buttons">
              <button type="button" @click=${(e: Event) => actions.decide("same", commentOf(e))}>${t("decideSame")}</button>
              <button type="button" @click=${(e: Event) => actions.decide("different", commentOf(e))}>${t("decideDifferent")}</button>
              <button type="button" class="secondary" @click=${(e: Event) => actions.decide("later", commentOf(e))}>${t("decideLater")}</button>
            </div>
          </form>`
          : nothing
    }
  `;
}
