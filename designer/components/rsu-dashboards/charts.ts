/**
 * Apache ECharts, only the parts the dashboards draw (tree-shaken `echarts/core`), loaded by the
 * dashboards screen on demand: neither the back office's first load nor the runtime carry it (issue #17).
 */
import { BarChart, LineChart } from "echarts/charts";
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { init, use, type EChartsType } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

/** A chart's data: one category axis, one or more series of numbers. */
export interface ChartData {
  kind: "bar" | "line" | "pyramid";
  categories: string[];
  series: { name: string; values: number[] }[];
  /** Bars along the vertical axis (long area names, age bands). */
  horizontal?: boolean;
  /** Series are parts of one whole (an indicator's values): stacked, not side by side. */
  stacked?: boolean;
}

/** Draws (or redraws) a chart in `element`; SVG, so it stays sharp on a tablet and prints. */
export function drawChart(element: HTMLElement, data: ChartData, previous?: EChartsType): EChartsType {
  const chart = previous ?? init(element, null, { renderer: "svg" });
  const horizontal = data.horizontal || data.kind === "pyramid";
  const category = { type: "category" as const, data: data.categories };
  // A pyramid draws its first series leftwards: negative values, shown without their sign.
  const value = { type: "value" as const, axisLabel: { formatter: (v: number) => String(Math.abs(v)) } };
  chart.setOption(
    {
      aria: { enabled: true },
      animation: false,
      tooltip: { trigger: "axis", valueFormatter: (v: unknown) => String(Math.abs(Number(v))) },
      legend: { show: data.series.length > 1, top: 0 },
      grid: { left: 8, right: 16, top: data.series.length > 1 ? 32 : 12, bottom: 8, containLabel: true },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? category : value,
      series: data.series.map((s, i) => ({
        name: s.name,
        type: data.kind === "line" ? "line" : "bar",
        stack: data.kind === "pyramid" || data.stacked ? "total" : undefined,
        data: data.kind === "pyramid" && i === 0 ? s.values.map((v) => -v) : s.values,
      })),
    },
    true,
  );
  return chart;
}
