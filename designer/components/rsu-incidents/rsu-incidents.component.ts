import { html, nothing } from "lit";
import { LoadingScreen } from "../../../kit/loading-screen";
import { LatestRequestController } from "../../../kit/latest-request.controller";
import { renderLoadFailure } from "../../../kit/load-failure-view";
import { sessionExpiredEvent } from "../../../kit/events/rsu-session-expired";
import { INCIDENT_SEVERITIES, INCIDENT_SYSTEMS, type IncidentSeverity, type IncidentSystem } from "../../../schemas/contracts/incidents";
import { failureText } from "../../api/failure-text";
import { type Incident, type IncidentFilter, listIncidents, openIncident } from "../../api/incidents";
import { byNumber, byText, RecordTable, type TableColumn } from "../../../kit/paged-table";
import { formatDate, t, tCode } from "../../i18n";
import { sharedStyles } from "../../styles/shared.styles";
import type { FieldMessages } from "../../views/field-errors";
import { formRefusal } from "../../views/form-refusal";
import { renderTextArea, renderTextField } from "../../views/text-field";
import { incidentStyles } from "./incident-styles";
import "../rsu-incident/rsu-incident";

const FIELDS = ["severity", "title", "description", "systems"] as const;

/**
 * @summary The incident register (administrators, issue #23): incidents by status and severity, open ones
 * first; an administrator reports one (severity, what happened, systems touched) and follows it in
 * `rsu-incident` until it closes. Incidents an alarm opened show the alarm's code.
 * @event rsu-session-expired - The API answered 401.
 */
export default class RsuIncidents extends LoadingScreen {
  static override styles = [sharedStyles, incidentStyles];
  static override properties = {
    incidents: { state: true },
    filter: { state: true },
    creating: { state: true },
    selectedId: { state: true },
    notice: { state: true },
    failure: { state: true },
  };

  incidents?: Incident[];
  filter: IncidentFilter = {};
  creating = false;
  selectedId: string | null = null;
  notice = "";
  failure = "";
  private messages: FieldMessages | null = null;
  private readonly requests = new LatestRequestController(this);
  private readonly table = new RecordTable(this);

  protected override load() {
    return this.requests.run(async (signal) => {
      this.incidents = (await listIncidents(this.filter, signal)).items;
    });
  }

  private handleFilter(event: Event) {
    const data = new FormData((event.target as HTMLSelectElement).form!);
    this.filter = {
      status: (data.get("status") || undefined) as IncidentFilter["status"],
      severity: (data.get("severity") || undefined) as IncidentFilter["severity"],
    };
    this.notice = "";
    void this.load();
  }

  private async handleOpen(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    try {
      const incident = await openIncident({
        severity: String(data.get("severity")) as IncidentSeverity,
        title: String(data.get("title") ?? "").trim(),
        description: String(data.get("description") ?? "").trim(),
        systems: data.getAll("systems").map(String) as IncidentSystem[],
      });
      this.creating = false;
      this.messages = null;
      this.failure = "";
      this.notice = t("incidentOpened", { number: incident.number });
      this.selectedId = incident.id;
      await this.load();
    } catch (error) {
      const refusal = formRefusal(error, FIELDS, t("incidentHasErrors"));
      if (!refusal) return void this.dispatchEvent(sessionExpiredEvent());
      ({ messages: this.messages, failure: this.failure } = refusal);
      this.requestUpdate();
    }
  }

  private readonly handleCancel = () => {
    this.creating = false;
    this.failure = "";
    this.messages = null;
  };

  override render() {
    return html`
      <h2>${t("incidentsHeading")}</h2>
      <p>${t("incidentsIntro")}</p>
      ${this.creating ? this.renderNewForm() : html`<p><button type="button" @click=${() => (this.creating = true)}>${t("newIncident")}</button></p>`}
      ${this.renderFilters()}
      ${this.requests.failed ? renderLoadFailure(failureText(this.requests.error), () => void this.load()) : nothing}
      <p role="status">${this.requests.loading ? t("loading") : this.notice || (this.incidents ? t("incidentsCount", { count: this.incidents.length }) : "")}</p>
      ${this.table.render({ label: t("incidentsHeading"), columns: this.columns(), rows: this.incidents, loading: this.requests.loading, empty: t("noIncidents") })}
      ${
        this.selectedId
          ? html`<rsu-incident
              .incidentId=${this.selectedId}
              @rsu-incident-changed=${() => void this.load()}
              @rsu-form-cancel=${() => (this.selectedId = null)}
            ></rsu-incident>`
          : nothing
      }
    `;
  }

  private renderFilters() {
    return html`<form class="filters" @change=${this.handleFilter} @submit=${(e: Event) => e.preventDefault()}>
      <label>${t("incidentFilterStatus")}
        <select name="status">
          <option value="">${t("incidentAll")}</option>
          ${(["open", "closed"] as const).map((s) => html`<option value=${s} ?selected=${this.filter.status === s}>${tCode("incidentStatus_", s)}</option>`)}
        </select>
      </label>
      <label>${t("incidentFilterSeverity")}
        <select name="severity">
          <option value="">${t("incidentAll")}</option>
          ${INCIDENT_SEVERITIES.map((s) => html`<option value=${s} ?selected=${this.filter.severity === s}>${tCode("incidentSeverity_", s)}</option>`)}
        </select>
      </label>
    </form>`;
  }

  private renderNewForm() {
    const systemsInvalid = Boolean(this.messages?.byField.get("systems")?.length);
    return html`<form class="panel" novalidate @submit=${this.handleOpen}>
      <h3>${t("newIncidentHeading")}</h3>
      ${this.failure ? html`<p class="status error" role="alert">${this.failure}</p>` : nothing}
      <div class="field">
        <label for="severity">${t("incidentSeverity")}</label>
        <select id="severity" name="severity">
          ${INCIDENT_SEVERITIES.map((s) => html`<option value=${s} ?selected=${s === "major"}>${tCode("incidentSeverity_", s)}</option>`)}
        </select>
      </div>
      ${renderTextField("title", t("incidentTitle"), this.messages)}
      ${renderTextArea("description", t("incidentDescription"), this.messages, "", 4)}
      <fieldset aria-invalid=${systemsInvalid ? "true" : "false"} aria-describedby=${systemsInvalid ? "systems-error" : nothing}>
        <legend>${t("incidentSystems")}</legend>
        <div class="choices">
          ${INCIDENT_SYSTEMS.map((s) => html`<label class="check"><input type="checkbox" name="systems" value=${s} />${tCode("incidentSystem_", s)}</label>`)}
        </div>
        ${systemsInvalid ? html`<p class="field-error" id="systems-error">${this.messages!.byField.get("systems")!.join(" ")}</p>` : nothing}
      </fieldset>
      <div class="actions">
        <button type="submit">${t("openIncidentButton")}</button>
        <button type="button" class="secondary" @click=${this.handleCancel}>${t("cancel")}</button>
      </div>
    </form>`;
  }

  private columns(): TableColumn<Incident>[] {
    return [
      { header: t("colIncidentNumber"), numeric: true, cell: (i) => i.number, compare: byNumber((i) => i.number) },
      { header: t("colIncidentOpened"), cell: (i) => formatDate(i.openedAt, "compact"), compare: byText((i) => i.openedAt) },
      {
        header: t("colIncidentSeverity"),
        cell: (i) => html`<span class="severity ${i.severity}">${tCode("incidentSeverity_", i.severity)}</span>`,
        compare: byNumber((i) => INCIDENT_SEVERITIES.indexOf(i.severity)),
      },
      { header: t("colIncidentTitle"), cell: (i) => i.title, compare: byText((i) => i.title) },
      { header: t("colIncidentSystems"), cell: (i) => i.systems.map((s) => tCode("incidentSystem_", s)).join(", ") },
      {
        header: t("colIncidentOrigin"),
        cell: (i) =>
          i.alarm
            ? html`${tCode("incidentAlarm_", i.alarm)} <code>${i.alarm}</code>`
            : t("incidentOpenedBySomeone", { name: i.openedBy ?? "—" }),
      },
      { header: t("colIncidentStatus"), cell: (i) => tCode("incidentStatus_", i.status), compare: byText((i) => i.status) },
      {
        header: t("colActions"),
        cell: (i) =>
          html`<button type="button" class="small secondary" aria-label=${`${t("showIncident")} ${i.number}`} @click=${() => (this.selectedId = i.id)}>${t("showIncident")}</button>`,
      },
    ];
  }
}
