import { css, html, nothing, type PropertyValues } from "lit";
import type { EChartsType } from "echarts/core";
import { LoadingScreen } from "../../../kit/loading-screen";
import { LatestRequestController } from "../../../kit/latest-request.controller";
import { renderLoadFailure } from "../../../kit/load-failure-view";
import type { CodeLabels } from "../../../kit/code-labels";
import type { Variable } from "../../../schemas/catalogue/types";
import { AREA_LEVELS, INDICATOR_BREAKDOWNS, type AreaLevel, type IndicatorBreakdown } from "../../../schemas/contracts/dashboards";
import { areaTree, describeArea, type AreaNode } from "../../api/areas";
import { searchVariables } from "../../api/catalogue";
import { getDashboard, getIndicator, type DashboardFigures } from "../../api/dashboards";
import { failureText } from "../../api/failure-text";
import { pick, t, tCode } from "../../i18n";
import { sharedStyles } from "../../styles/shared.styles";
import { chartCsv, dashboardCharts, indicatorChart, type ChartSpec } from "./dashboard-charts";

/** Types an indicator can count (api/registry/dashboards/indicator.ts refuses the others). */
const COUNTABLE = new Set(["single_choice", "multiple_choice", "boolean", "integer", "decimal"]);
const DEPTH: Record<AreaLevel, number> = { country: -1, island: 0, prefecture: 1, commune: 2 };

/**
 * @summary Dashboards (issue #17): the registry's counts for the country, an island, a prefecture or a
 * commune, within the user's areas; each chart with its table and a CSV of its numbers; an indicator
 * the analyst picks (a catalogue variable and a breakdown).
 */
export default class RsuDashboards extends LoadingScreen {
  static override styles = [
    sharedStyles,
    css`
      .controls { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: end; }
      .figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: 0.75rem; margin: 1rem 0; }
      .figures div { border: 1px solid var(--rsu-border, #ccc); border-radius: 6px; padding: 0.5rem 0.75rem; }
      .figures strong { display: block; font-size: 1.6rem; }
      .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 28rem), 1fr)); gap: 1rem; }
      figure { margin: 0; border: 1px solid var(--rsu-border, #ccc); border-radius: 6px; padding: 0.75rem; }
      figcaption { font-weight: 600; margin-bottom: 0.5rem; }
      .chart { height: 16rem; }
      .chart-actions { display: flex; gap: 0.5rem; margin-top: 0.5rem; }
    `,
  ];
  static override properties = {
    labels: { attribute: false },
    level: { state: true },
    area: { state: true },
    figures: { state: true },
    variables: { state: true },
    indicator: { state: true },
    indicatorFailure: { state: true },
  };

  labels: CodeLabels = new Map();
  level: AreaLevel = "country";
  area = "";
  figures?: DashboardFigures;
  variables: Variable[] = [];
  indicator?: ChartSpec;
  indicatorFailure = "";
  private readonly requests = new LatestRequestController(this);
  private readonly charts = new Map<string, EChartsType>();

  protected override load() {
    return this.requests.run(async (signal) => {
      if (this.level !== "country" && !this.area) return;
      const [figures, variables] = await Promise.all([
        getDashboard(this.level, this.area, signal),
        this.variables.length ? this.variables : searchVariables({ status: "active", limit: 500, offset: 0 }, signal).then((p) => p.items),
      ]);
      this.variables = variables.filter((v) => COUNTABLE.has(v.type));
      this.figures = figures;
      this.indicator = undefined;
    });
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    for (const chart of this.charts.values()) chart.dispose();
    this.charts.clear();
  }

  protected override async updated(changed: PropertyValues) {
    super.updated(changed);
    if (!changed.has("figures") && !changed.has("indicator")) return;
    // Loaded here, not imported above: ECharts stays out of the back office's first load.
    const { drawChart } = await import("./charts");
    for (const spec of this.specs()) {
      const element = this.renderRoot.querySelector<HTMLElement>(`#chart-${spec.id}`);
      if (!element) continue;
      const previous = this.charts.get(spec.id);
      this.charts.set(spec.id, drawChart(element, spec.chart, previous?.getDom() === element ? previous : undefined));
    }
  }

  private specs(): ChartSpec[] {
    return [...(this.figures ? dashboardCharts(this.figures, this.labels) : []), ...(this.indicator ? [this.indicator] : [])];
  }

  private areasOf(level: AreaLevel): AreaNode[] {
    let nodes = areaTree(this.labels);
    for (let depth = 0; depth < DEPTH[level]; depth++) nodes = nodes.flatMap((n) => n.children);
    return nodes;
  }

  private handleLevel(level: AreaLevel) {
    this.level = level;
    this.area = level === "country" ? "" : (this.areasOf(level)[0]?.code ?? "");
    void this.load();
  }

  private async handleIndicator(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const variable = this.variables.find((v) => v.code === data.get("variable"));
    if (!variable || !this.figures) return;
    this.indicatorFailure = "";
    try {
      const figures = await getIndicator(variable.code, data.get("breakdown") as IndicatorBreakdown, this.level, this.area);
      this.indicator = indicatorChart(figures, variable, this.labels, this.figures.childLevel);
    } catch (error) {
      this.indicator = undefined;
      this.indicatorFailure = failureText(error);
    }
  }

  override render() {
    const d = this.figures;
    return html`
      <h2>${t("dashHeading")}</h2>
      <p>${t("dashIntro")}</p>
      ${this.renderControls()}
      ${this.requests.failed ? renderLoadFailure(failureText(this.requests.error), () => void this.load()) : nothing}
      ${
        d
          ? html`<div class="figures" role="group" aria-label=${t("dashKeyFigures")}>
              ${figure(t("dashHouseholds"), d.households)} ${figure(t("dashIndividuals"), d.individuals)}
              ${figure(t("dashPending"), d.integration.pending)}
              ${figure(t("dashLag"), d.integration.lagSeconds.p50 === null ? "—" : `${seconds(d.integration.lagSeconds.p50)} / ${seconds(d.integration.lagSeconds.p95!)}`)}
              ${figure(
                t("dashReviewOpen"),
                d.review.reduce((n, r) => n + r.open, 0),
              )}
            </div>
            <div class="charts">${dashboardCharts(d, this.labels).map((c) => renderChart(c))}</div>
            ${this.renderIndicator()}`
          : nothing
      }
    `;
  }

  private renderControls() {
    return html`<div class="controls panel">
      <label class="field">${t("dashLevel")}
        <select name="level" @change=${(e: Event) => this.handleLevel((e.target as HTMLSelectElement).value as AreaLevel)}>
          ${AREA_LEVELS.map((l) => html`<option value=${l} ?selected=${l === this.level}>${tCode("dashLevel_", l)}</option>`)}
        </select>
      </label>
      ${
        this.level === "country"
          ? nothing
          : html`<label class="field">${t("dashArea")}
            <select name="area" @change=${(e: Event) => {
              this.area = (e.target as HTMLSelectElement).value;
              void this.load();
            }}>
              ${this.areasOf(this.level).map((n) => html`<option value=${n.code} ?selected=${n.code === this.area}>${describeArea(this.labels, n.code)}</option>`)}
            </select>
          </label>`
      }
    </div>`;
  }

  private renderIndicator() {
    return html`<form class="panel controls" @submit=${this.handleIndicator}>
        <label class="field">${t("dashVariable")}
          <select name="variable">${this.variables.map((v) => html`<option value=${v.code}>${pick({ en: "", ...v.label })} (${v.code})</option>`)}</select>
        </label>
        <label class="field">${t("dashBreakdown")}
          <select name="breakdown">${INDICATOR_BREAKDOWNS.map((b) => html`<option value=${b}>${tCode("dashBreakdown_", b)}</option>`)}</select>
        </label>
        <button type="submit">${t("dashShowIndicator")}</button>
      </form>
      ${this.indicatorFailure ? html`<p class="status error" role="alert">${this.indicatorFailure}</p>` : nothing}
      ${this.indicator ? html`<div class="charts">${renderChart(this.indicator)}</div>` : nothing}`;
  }
}

const figure = (label: string, value: number | string) => html`<div><strong>${value}</strong>${label}</div>`;

const seconds = (s: number) => (s < 120 ? `${Math.round(s)} s` : `${Math.round(s / 60)} min`);

function renderChart(c: ChartSpec) {
  return html`<figure aria-labelledby="title-${c.id}">
    <figcaption id="title-${c.id}">${c.title}</figcaption>
    ${c.note ? html`<p class="note" id="note-${c.id}">${c.note}</p>` : nothing}
    ${c.rows.length ? html`<div class="chart" id="chart-${c.id}" aria-hidden="true"></div>` : html`<p class="status">${t("dashNoData")}</p>`}
    <details>
      <summary>${t("dashTable")}</summary>
      <div class="table-wrap"><table aria-label=${c.title}>
        <thead><tr>${c.columns.map((col) => html`<th scope="col">${col}</th>`)}</tr></thead>
        <tbody>${c.rows.map((r) => html`<tr>${r.map((v, i) => (i === 0 ? html`<th scope="row">${v}</th>` : html`<td class="number">${v}</td>`))}</tr>`)}</tbody>
      </table></div>
    </details>
    <div class="chart-actions"><button type="button" class="secondary small" @click=${() => download(c)}>${t("dashCsv")}</button></div>
  </figure>`;
}

/** Downloads the chart's numbers, made when asked rather than at every render. */
function download(c: ChartSpec) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([chartCsv(c)], { type: "text/csv;charset=utf-8" }));
  link.download = `${c.id}.csv`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1_000);
}
