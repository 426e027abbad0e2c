import { css, html, nothing } from "lit";
import { SubScreenHelp } from "../../../kit/sub-screen-help";
import { SUB_SCREEN_TOPICS } from "../../help-topics";
import { LoadingScreen } from "../../../kit/loading-screen";
import type { HouseholdDetail } from "../../../schemas/contracts/api";
import type { FieldChange, HouseholdHistory, HouseholdVersionEntry } from "../../../schemas/contracts/review";
import { getHouseholdAt, getHouseholdHistory } from "../../api/households";
import { returnSubmission } from "../../api/review";
import { failureText } from "../../api/failure-text";
import { LatestRequestController } from "../../../kit/latest-request.controller";
import { renderLoadFailure } from "../../../kit/load-failure-view";
import { byNumber, byText, RecordTable, type TableColumn } from "../../../kit/paged-table";
import { formatDate, type MessageKey, t, tCode } from "../../i18n";
import { sharedStyles } from "../../styles/shared.styles";

type People = HouseholdVersionEntry["people"];

/**
 * A person named by id: their name; « Personne masquée » where the reader may not read names, « Personne
 * hors du ménage » for one the versions do not hold; never a cut id (#21).
 */
const personLabel = (id: string, people: People) => people[id] ?? t(id in people ? "historyPersonHidden" : "historyPersonElsewhere");

/** A person as the history shows them: the label, the whole id on hover (issue #21). */
const person = (id: string, people: People) => html`<span class="person" title=${id}>${personLabel(id, people)}</span>`;

/**
 * A value of the household state as a reader sees it: "—" for nothing, a person's name for an id of the
 * registry, a member as their name, other objects as JSON without the ids.
 */
function shown(value: unknown, people: People): unknown {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string" && value in people) return person(value, people);
  if (typeof value !== "object") return String(value);
  const member = value as { personId?: unknown };
  if (typeof member.personId === "string") return person(member.personId, people);
  return JSON.stringify(value, (_key, item) => (typeof item === "string" && item in people ? personLabel(item, people) : item));
}

/** "/members/<personId>/firstName" → « Fatima Said · firstName »: members are compared person by person (#21). */
function readablePath(path: string, people: People) {
  const member = /^\/members\/([^/]+)\/?(.*)$/.exec(path);
  const rest = (member ? member[2]! : path.replace(/^\//, "")).replaceAll("/", " · ");
  return member ? html`${person(member[1]!, people)}${rest ? ` · ${rest}` : ""}` : rest;
}

/** « Questionnaire du 3 mars 2026 »: a submission or review item by its day in the reader's locale, its id on hover (#21). */
const sinceWhen = (at: string | null, dated: MessageKey, undated: MessageKey) => (at ? t(dated, { date: formatDate(at) }) : t(undated));

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
    canReturn: { type: Boolean },
    history: { state: true },
    past: { state: true },
    returning: { state: true },
    returnNotice: { state: true },
  };

  householdId = "";
  /** Supervisors and administrators may send any submission back to its clerk, even an integrated one (issue #21). */
  canReturn = false;
  history?: HouseholdHistory;
  past?: { day: string; household: HouseholdDetail };
  /** The submission whose return form is open. */
  returning: string | null = null;
  returnNotice = "";

  private readonly requests = new LatestRequestController(this);
  private readonly table = new RecordTable(this);
  private readonly help = new SubScreenHelp(this, () => SUB_SCREEN_TOPICS.householdHistory);

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

  private handleReturn(event: SubmitEvent, submissionId: string) {
    event.preventDefault();
    const comment = (new FormData(event.target as HTMLFormElement).get("comment") as string).trim();
    if (!comment) return;
    void this.requests.run(async () => {
      await returnSubmission(submissionId, comment);
      this.returning = null;
      this.returnNotice = t("returned");
    });
  }

  override render() {
    return html`
      <h3>${t("historyHeading")}</h3>
      ${this.returnNotice ? html`<p class="status" role="status">${this.returnNotice}</p>` : nothing}
      ${this.requests.failed ? renderLoadFailure(failureText(this.requests.error), () => void this.load()) : nothing}
      ${this.history ? nothing : html`<p role="status">${t("loading")}</p>`}
      ${this.table.render({
        label: t("historyHeading"),
        columns: this.columns(),
        rows: this.history && [...this.history.versions].reverse(),
        loading: false,
        empty: t("historyEmpty"),
      })}
      <form class="at" @submit=${(e: SubmitEvent) => this.handleAt(e)}>
        <label>${t("stateAtLabel")}<input type="date" name="day" required /></label>
        <button type="submit">${t("stateAtShow")}</button>
      </form>
      ${this.past ? this.renderPast(this.past.day, this.past.household) : nothing}
    `;
  }

  private columns(): TableColumn<HouseholdVersionEntry>[] {
    return [
      { header: t("historyVersion"), numeric: true, cell: (version) => version.version, compare: byNumber((version) => version.version) },
      { header: t("historyWhen"), cell: (version) => formatDate(version.at, "compact"), compare: byText((version) => version.at) },
      {
        header: t("historyWho"),
        cell: (version) => (version.by ? html`<span title=${version.by}>${version.byName ?? t("historyUnknownUser")}</span>` : "—"),
        compare: byText((version) => version.byName ?? version.by ?? ""),
      },
      {
        header: t("historyAction"),
        cell: (version) => tCode("history_action_", version.action),
        compare: byText((version) => tCode("history_action_", version.action)),
      },
      { header: t("historySource"), cell: (version) => this.renderSource(version) },
      { header: t("historyChanges"), cell: (version) => this.renderChanges(version.changes, version.people) },
    ];
  }

  private renderSource(version: HouseholdVersionEntry) {
    return html`
      ${version.submissionId ? html`<div title=${version.submissionId}>${sinceWhen(version.submittedAt, "historySubmissionOn", "historySubmission")}${version.formId ? ` · ${version.formId} v${version.formVersion ?? "?"}` : ""}</div>` : nothing}
      ${
        version.imported
          ? html`<div><a href=${`#importations/${version.imported.importId}`} title=${version.imported.importId}>${t("provenanceImport", { files: version.imported.files.map((f) => f.name).join(" + ") })}</a>,
            ${t("provenanceProfile", { profile: version.imported.profileName ?? "—" })}${version.imported.files.map(
              (f) =>
                html`<br />${t(f.lines.length === 1 ? "provenanceFileLine" : "provenanceFileLines", { file: f.name, lines: f.lines.join(", ") })}`,
            )}</div>`
          : nothing
      }
      ${version.formId && !version.submissionId ? html`<div>${t("historyForm", { form: version.formId, version: version.formVersion ?? "?" })}</div>` : nothing}
      ${version.reviewItemId ? html`<div title=${version.reviewItemId}>${sinceWhen(version.reviewOpenedAt, "historyReviewOn", "historyReview")}${version.decision ? ` « ${tCode("decision_", version.decision)} »` : ""}</div>` : nothing}
      ${version.comment ? html`<div><q>${version.comment}</q></div>` : nothing}
      ${this.canReturn && version.submissionId ? this.renderReturn(version.submissionId) : nothing}
    `;
  }

  private renderReturn(submissionId: string) {
    if (this.returning !== submissionId) {
      return html`<button type="button" class="secondary" @click=${() => {
        this.returning = submissionId;
        this.returnNotice = "";
      }}>${t("returnToClerk")}</button>`;
    }
    return html`<form class="return" @submit=${(e: SubmitEvent) => this.handleReturn(e, submissionId)}>
      <label>${t("returnComment")}<textarea name="comment" required rows="3"></textarea></label>
      <button type="submit">${t("returnToClerk")}</button>
      <button type="button" class="secondary" @click=${() => (this.returning = null)}>${t("cancel")}</button>
    </form>`;
  }

  private renderChanges(changes: FieldChange[], people: People) {
    if (!changes.length) return "—";
    return html`<ul class="changes">${changes.map(
      (change) => html`<li>
      ${readablePath(change.path, people)} : <span class="before">${shown(change.before, people)}</span> → <strong>${shown(change.after, people)}</strong>
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
