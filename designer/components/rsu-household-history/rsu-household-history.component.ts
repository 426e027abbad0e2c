import { css, html, nothing } from "lit";
import { LoadingScreen } from "../../../runtime/shared/loading-screen";
import type { HouseholdDetail } from "../../../schemas/contracts/api";
import type { FieldChange, HouseholdHistory } from "../../../schemas/contracts/review";
import { getHouseholdAt, getHouseholdHistory } from "../../api/households";
import { failureText } from "../../api/failure-text";
import { LatestRequestController } from "../../../runtime/shared/latest-request.controller";
import { renderLoadFailure } from "../../../runtime/shared/load-failure-view";
import { formatDate, t, tCode } from "../../i18n";
import { sharedStyles } from "../../styles/shared.styles";

/** A value of the household state as a reader sees it: "—" for nothing, JSON for a whole object. */
function shown(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** "/members/0/personId" → "Membre 1 · personId": people count lines from 1, pointers from 0. */
function readablePath(path: string): string {
  const member = /^\/members\/(\d+)\/?(.*)$/.exec(path);
  if (member) return `${t("historyMember", { line: Number(member[1]) + 1 })}${member[2] ? ` · ${member[2]}` : ""}`;
  return path.replace(/^\//, "").replaceAll("/", " · ");
}

/**
 * @summary A household's history (issue #6): each version with its provenance (who, when, which
 * submission and form version, which review decision) and its field changes, before → after; and the
 * household as it stood on a chosen day.
 */
export default class RsuHouseholdHistory extends LoadingScreen {
  static override styles = [
    sharedStyles,
    css`
    .changes { margin: 0; padding-left: 1.25rem; font-size: 0.875rem; }
    .before { text-decoration: line-through; color: var(--rsu-color-muted); }
    .at { display: flex; gap: 1rem; align-items: end; flex-wrap: wrap; margin-top: 1.5rem; }
  `,
  ];
  static override properties = {
    householdId: { type: String },
    history: { state: true },
    past: { state: true },
  };

  householdId = "";
  history?: HouseholdHistory;
  past?: { day: string; household: HouseholdDetail };

  private readonly requests = new LatestRequestController(this);

  protected override load() {
    return this.requests.run(async (signal) => {
      this.history = await getHouseholdHistory(this.householdId, signal);
    });
  }

  private handleAt(event: SubmitEvent) {
    event.preventDefault();
    const day = new FormData(event.target as HTMLFormElement).get("day") as string;
    if (!day) return;
    void this.requests.run(async (signal) => {
      this.past = { day, household: await getHouseholdAt(this.householdId, day, signal) };
    });
  }

  override render() {
    return html`
      <h3>${t("historyHeading")}</h3>
      ${this.requests.failed ? renderLoadFailure(failureText(this.requests.error), () => void this.load()) : nothing}
      ${this.history ? this.renderVersions(this.history) : html`<p role="status">${t("loading")}</p>`}
      <form class="at" @submit=${(e: SubmitEvent) => this.handleAt(e)}>
        <label>${t("stateAtLabel")}<input type="date" name="day" required /></label>
        <button type="submit">${t("stateAtShow")}</button>
      </form>
      ${this.past ? this.renderPast(this.past.day, this.past.household) : nothing}
    `;
  }

  private renderVersions(history: HouseholdHistory) {
    return html`<div class="table-wrap"><table class="versions">
      <thead><tr>
        <th scope="col">${t("historyVersion")}</th>
        <th scope="col">${t("historyWhen")}</th>
        <th scope="col">${t("historyWho")}</th>
        <th scope="col">${t("historyAction")}</th>
        <th scope="col">${t("historySource")}</th>
        <th scope="col">${t("historyChanges")}</th>
      </tr></thead>
      <tbody>
        ${[...history.versions].reverse().map(
          (version) => html`<tr>
          <td class="number">${version.version}</td>
          <td>${formatDate(version.at, "compact")}</td>
          <td>${version.byName ?? (version.by ? html`<code title=${version.by}>${version.by.slice(0, 8)}</code>` : "—")}</td>
          <td>${tCode("history_action_", version.action)}</td>
          <td>
            ${version.submissionId ? html`<div>${t("historySubmission")} <code>${version.submissionId.slice(0, 8)}</code></div>` : nothing}
            ${version.formId ? html`<div>${t("historyForm", { form: version.formId, version: version.formVersion ?? "?" })}</div>` : nothing}
            ${version.reviewItemId ? html`<div>${t("historyReview")} <code>${version.reviewItemId.slice(0, 8)}</code>${version.decision ? ` « ${tCode("decision_", version.decision)} »` : ""}</div>` : nothing}
            ${version.comment ? html`<div><q>${version.comment}</q></div>` : nothing}
          </td>
          <td>${this.renderChanges(version.changes)}</td>
        </tr>`,
        )}
      </tbody>
    </table></div>`;
  }

  private renderChanges(changes: FieldChange[]) {
    if (!changes.length) return "—";
    return html`<ul class="changes">${changes.map(
      (change) => html`<li>
      <span title=${change.path}>${readablePath(change.path)}</span> : <span class="before">${shown(change.before)}</span> → <strong>${shown(change.after)}</strong>
    </li>`,
    )}</ul>`;
  }

  private renderPast(day: string, household: HouseholdDetail) {
    return html`<section aria-label=${t("stateAtHeading", { day: formatDate(day) })}>
      <h4>${t("stateAtHeading", { day: formatDate(day) })}</h4>
      <p>${t("stateAtSummary", { head: household.headName || "—", count: household.members.length, village: household.village ?? "—" })}</p>
      <ul>${household.members.map((m) => html`<li>${m.lineNumber}. ${m.lastName} ${m.firstName}${m.birthDate ? ` (${m.birthDate})` : ""}</li>`)}</ul>
    </section>`;
  }
}
