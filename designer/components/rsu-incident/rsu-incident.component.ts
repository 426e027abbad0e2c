import { css, html, nothing } from "lit";
import { LoadingScreen } from "../../../kit/loading-screen";
import { LatestRequestController } from "../../../kit/latest-request.controller";
import { renderLoadFailure } from "../../../kit/load-failure-view";
import { sessionExpiredEvent } from "../../../kit/events/rsu-session-expired";
import { failureText } from "../../api/failure-text";
import { closeIncident, getIncident, type Incident, recordIncidentAction, updateIncident } from "../../api/incidents";
import { formCancelEvent } from "../../events/rsu-form-cancel";
import { incidentChangedEvent } from "../../events/rsu-incident-changed";
import { formatDate, type MessageKey, t, tCode } from "../../i18n";
import { sharedStyles } from "../../styles/shared.styles";
import type { FieldMessages } from "../../views/field-errors";
import { formRefusal } from "../../views/form-refusal";
import { renderTextArea } from "../../views/text-field";
import { incidentStyles } from "../rsu-incidents/incident-styles";

const FIELDS = ["text", "rootCause", "preventiveMeasure"] as const;

/**
 * @summary One incident (issue #23): what happened, the actions taken so far, and while it is open a form
 * to record an action, the root cause and the preventive measure, and to close it with both.
 * @event rsu-incident-changed - The incident was changed; `detail.incident` is its new state.
 * @event rsu-form-cancel - The reader closed the incident's page.
 * @event rsu-session-expired - The API answered 401.
 */
export default class RsuIncident extends LoadingScreen {
  static override styles = [
    sharedStyles,
    incidentStyles,
    css`
      :host { margin-top: 1.5rem; }
      .description { white-space: pre-wrap; }
      ol.actions-taken { padding-inline-start: 1.25rem; }
      ol.actions-taken li { margin-bottom: 0.5rem; white-space: pre-wrap; }
      .heading-row { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 0.5rem 1rem; }
      form.panel { margin-top: 1rem; }
      dt { font-weight: 600; margin-top: 0.5rem; }
      dd { margin-inline-start: 0; }
    `,
  ];
  static override properties = {
    incidentId: {},
    incident: { state: true },
    notice: { state: true },
    failure: { state: true },
  };

  incidentId = "";
  incident?: Incident;
  notice = "";
  failure = "";
  private messages: FieldMessages | null = null;
  private readonly requests = new LatestRequestController(this);

  protected override load() {
    return this.requests.run(async (signal) => {
      this.incident = await getIncident(this.incidentId, signal);
    });
  }

  override updated(changed: Map<string, unknown>) {
    if (changed.has("incidentId") && changed.get("incidentId") !== undefined) {
      this.notice = "";
      void this.load();
    }
  }

  /**
   * Sends one change; on success shows `done`, empties `emptied` and tells the register; on refusal shows
   * why under the fields.
   */
  private async change(send: () => Promise<Incident>, done: MessageKey, emptied?: HTMLFormElement) {
    try {
      this.incident = await send();
      this.messages = null;
      this.failure = "";
      this.notice = t(done);
      emptied?.reset();
      this.dispatchEvent(incidentChangedEvent(this.incident));
    } catch (error) {
      const refusal = formRefusal(error, FIELDS, t("incidentHasErrors"));
      if (!refusal) return void this.dispatchEvent(sessionExpiredEvent());
      ({ messages: this.messages, failure: this.failure } = refusal);
      this.notice = "";
      this.requestUpdate();
    }
  }

  private handleAction(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const text = String(new FormData(form).get("text") ?? "").trim();
    return this.change(() => recordIncidentAction(this.incidentId, text), "actionRecorded", form);
  }

  /** One form, two buttons: save what is known so far, or close with both answers. */
  private handleAnalysis(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const rootCause = String(data.get("rootCause") ?? "").trim();
    const preventiveMeasure = String(data.get("preventiveMeasure") ?? "").trim();
    if ((event.submitter as HTMLButtonElement | null)?.value === "close")
      return this.change(() => closeIncident(this.incidentId, { rootCause, preventiveMeasure }), "incidentClosed");
    const update = { ...(rootCause && { rootCause }), ...(preventiveMeasure && { preventiveMeasure }) };
    return this.change(() => updateIncident(this.incidentId, update), "analysisSaved");
  }

  override render() {
    const i = this.incident;
    return html`
      ${this.requests.failed ? renderLoadFailure(failureText(this.requests.error), () => void this.load()) : nothing}
      ${i ? this.renderIncident(i) : html`<p role="status">${t("loading")}</p>`}
    `;
  }

  private renderIncident(i: Incident) {
    return html`<section aria-labelledby="incident-heading">
      <div class="heading-row">
        <h3 id="incident-heading">${t("incidentHeading", { number: i.number, title: i.title })}</h3>
        <button type="button" class="small secondary" @click=${() => this.dispatchEvent(formCancelEvent())}>${t("closeDetail")}</button>
      </div>
      <p>
        <span class="severity ${i.severity}">${tCode("incidentSeverity_", i.severity)}</span>
        ${tCode("incidentStatus_", i.status)} ·
        ${t("incidentOpenedAt", { date: formatDate(i.openedAt, true) })} ·
        ${i.alarm ? html`${tCode("incidentAlarm_", i.alarm)} <code>${i.alarm}</code>` : t("incidentOpenedBySomeone", { name: i.openedBy ?? "—" })}
        ${i.closedAt ? html` · ${t("incidentClosedAt", { date: formatDate(i.closedAt, true), name: i.closedBy ?? t("systemName") })}` : nothing}
      </p>
      <p><strong>${t("incidentSystems")} :</strong> ${i.systems.map((s) => tCode("incidentSystem_", s)).join(", ")}</p>
      <p class="description">${i.description}</p>
      <h4>${t("incidentActions")}</h4>
      ${
        i.actions.length
          ? html`<ol class="actions-taken">${i.actions.map(
              (a) =>
                html`<li><strong>${t("incidentActionBy", { date: formatDate(a.at, "compact"), name: a.by ?? t("systemName") })}</strong> : ${a.text}</li>`,
            )}</ol>`
          : html`<p>${t("noIncidentActions")}</p>`
      }
      ${i.status === "closed" ? this.renderClosing(i) : this.renderForms(i)}
    </section>`;
  }

  private renderClosing(i: Incident) {
    return html`<dl>
      <dt>${t("incidentRootCause")}</dt><dd class="description">${i.rootCause}</dd>
      <dt>${t("incidentPreventiveMeasure")}</dt><dd class="description">${i.preventiveMeasure}</dd>
    </dl>`;
  }

  private renderForms(i: Incident) {
    return html`
      <p role="status">${this.notice}</p>
      ${this.failure ? html`<p class="status error" role="alert">${this.failure}</p>` : nothing}
      <form class="panel" novalidate @submit=${this.handleAction}>
        ${renderTextArea("text", t("incidentNewAction"), this.messages)}
        <div class="actions"><button type="submit">${t("recordAction")}</button></div>
      </form>
      <form class="panel" novalidate @submit=${this.handleAnalysis}>
        <p class="hint">${t("closeIncidentHint")}</p>
        ${renderTextArea("rootCause", t("incidentRootCause"), this.messages, i.rootCause ?? "")}
        ${renderTextArea("preventiveMeasure", t("incidentPreventiveMeasure"), this.messages, i.preventiveMeasure ?? "")}
        <div class="actions">
          <button type="submit" class="secondary" value="save">${t("saveAnalysis")}</button>
          <button type="submit" value="close">${t("closeIncident")}</button>
        </div>
      </form>
    `;
  }
}
