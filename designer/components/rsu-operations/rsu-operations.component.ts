import { css, html, nothing, type TemplateResult } from "lit";
import { LoadingScreen } from "../../../kit/loading-screen";
import { LatestRequestController } from "../../../kit/latest-request.controller";
import { renderLoadFailure } from "../../../kit/load-failure-view";
import { failureText } from "../../api/failure-text";
import { operationsFigures, type OperationsFigures } from "../../api/operations";
import { formatDate, t, tCode } from "../../i18n";
import { sharedStyles } from "../../styles/shared.styles";
import { formatAge } from "../../views/quantities";
import "../rsu-failed-jobs/rsu-failed-jobs";

/** Past these, a figure is flagged « À surveiller ». */
const ATTENTION = { lagSeconds: 600, anchorSeconds: 900, backupSeconds: 26 * 3600 };

/**
 * @summary « Exploitation » (admins, issue #23): how the system is doing at a glance (services, queues,
 * integration lag, review backlog, database connections, audit anchor, backup), then the failed jobs.
 * @event rsu-session-expired - The API answered 401.
 */
export default class RsuOperations extends LoadingScreen {
  static override styles = [
    sharedStyles,
    css`
    .figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); gap: 0.75rem; margin: 0 0 1.25rem; }
    .figure { padding: 0.75rem 1rem; background: var(--rsu-color-surface); border: 1px solid var(--rsu-color-border); border-radius: 8px; }
    .figure.attention { border-color: var(--rsu-color-danger); border-left-width: 6px; }
    .figure dt { font-weight: 600; margin-bottom: 0.25rem; }
    .figure dd { margin: 0; }
    .flag { color: var(--rsu-color-danger); font-weight: 600; }
    .heading-row { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.5rem 1rem; }
  `,
  ];
  static override properties = { figures: { state: true } };

  figures?: OperationsFigures;
  private readonly requests = new LatestRequestController(this);

  protected override load() {
    return this.requests.run(async (signal) => {
      this.figures = await operationsFigures(signal);
    });
  }

  override render() {
    const f = this.figures;
    return html`
      <h2>${t("operationsHeading")}</h2>
      <p>${t("operationsIntro")}</p>
      <div class="heading-row">
        <h3>${t("figuresHeading")}</h3>
        <button type="button" class="small secondary" @click=${() => void this.load()}>${t("refreshFigures")}</button>
      </div>
      ${this.requests.failed ? renderLoadFailure(failureText(this.requests.error), () => void this.load()) : nothing}
      <p role="status">${this.requests.loading ? t("loading") : f ? t("figuresAt", { time: formatDate(f.at, "seconds") }) : ""}</p>
      ${f ? this.renderFigures(f) : nothing}
      <rsu-failed-jobs></rsu-failed-jobs>
    `;
  }

  private renderFigures(f: OperationsFigures) {
    const down = f.services.postgres !== "ok" || f.services.redis !== "ok";
    const lag = f.integration?.lagSeconds ?? null;
    return html`
      <dl class="figures">
        ${figure(
          t("servicesLabel"),
          down,
          html`${(["postgres", "redis"] as const).map(
            (s) =>
              html`<div>${t(f.services[s] === "ok" ? "serviceOk" : "serviceDown", { service: s === "postgres" ? "PostgreSQL" : "Redis" })}</div>`,
          )}`,
        )}
        ${figure(
          t("integrationLabel"),
          lag === null || lag > ATTENTION.lagSeconds,
          f.integration
            ? html`<div>${t("integrationWaiting", { count: f.integration.outboxRows })}</div>
                ${f.integration.outboxRows ? html`<div>${t("integrationLag", { age: formatAge(f.integration.lagSeconds) })}</div>` : nothing}`
            : t("unknown"),
        )}
        ${figure(
          t("reviewLabel"),
          f.review === null,
          f.review
            ? html`<div>${t("reviewBacklog", { count: f.review.total })}</div>
                ${f.review.oldestSeconds !== null ? html`<div>${t("reviewOldest", { age: formatAge(f.review.oldestSeconds) })}</div>` : nothing}`
            : t("unknown"),
        )}
        ${figure(t("poolLabel"), f.databasePool.pending > 0, t("poolUse", { ...f.databasePool }))}
        ${ageFigure(t("anchorLabel"), f.auditAnchorAgeSeconds, ATTENTION.anchorSeconds)}
        ${ageFigure(t("backupLabel"), f.backupAgeSeconds, ATTENTION.backupSeconds)}
      </dl>
      ${f.queues.length ? this.renderQueues(f) : nothing}
    `;
  }

  private renderQueues(f: OperationsFigures) {
    return html`
      <div class="table-wrap"><table>
        <caption>${t("queuesLabel")}</caption>
        <thead><tr>
          <th scope="col">${t("colQueue")}</th>
          <th scope="col">${t("colQueueWaiting")}</th>
          <th scope="col">${t("colQueueActive")}</th>
          <th scope="col">${t("colQueueDelayed")}</th>
          <th scope="col">${t("colQueueFailed")}</th>
        </tr></thead>
        <tbody>
          ${f.queues.map(
            (q) => html`<tr>
              <th scope="row">${tCode("queue_", q.queue)}</th>
              <td class="number">${q.waiting}</td>
              <td class="number">${q.active}</td>
              <td class="number">${q.delayed}</td>
              <td class="number">${q.failed}</td>
            </tr>`,
          )}
        </tbody>
      </table></div>
    `;
  }
}

function figure(label: string, attention: boolean, value: TemplateResult | string) {
  return html`<div class="figure ${attention ? "attention" : ""}">
    <dt>${label}</dt>
    <dd>${value}${attention ? html` <span class="flag">${t("needsAttention")}</span>` : nothing}</dd>
  </div>`;
}

/** An age where null means it never happened, which deserves attention too. */
function ageFigure(label: string, seconds: number | null, attentionAfter: number) {
  return figure(label, seconds === null || seconds > attentionAfter, seconds === null ? t("never") : t("ago", { age: formatAge(seconds) }));
}
