import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TitleComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { localDay } from "../../../schemas/contracts/local-time";
import type { ActivityReport, ReportPeriod } from "../../../schemas/contracts/reports";
import type { Language } from "./report-tables";

// Only the charts the report draws (STACK.md: tree-shaken echarts/core).
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TitleComponent, SVGRenderer]);

export interface ReportChart {
  title: string;
  /** A self-contained SVG element: the HTML prints without scripts or network. */
  svg: string;
}

const WIDTH = 680;
const HEIGHT = 280;
/** Colours that stay apart in grey on a black-and-white printer too. */
const COLOURS = ["#1f4e79", "#c55a11", "#7f7f7f", "#bf9000", "#548235"];

type Series = { name: string; data: number[]; stack?: string; type?: "bar" | "line" };

/** Server-side rendering to an SVG string (ECharts SSR), without animation: the picture is final at once. */
function render(title: string, categories: string[], series: Series[]): ReportChart | null {
  // Nothing to draw: the tables below say « nothing in the period ».
  if (!categories.length) return null;
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: WIDTH, height: HEIGHT });
  try {
    chart.setOption({
      animation: false,
      color: COLOURS,
      textStyle: { fontFamily: "system-ui, sans-serif" },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 48 },
      xAxis: { type: "category", data: categories, axisLabel: { hideOverlap: true } },
      yAxis: { type: "value", minInterval: 1 },
      series: series.map((s) => ({ type: "bar", ...s })),
    });
    return { title, svg: chart.renderToSVGString() };
  } finally {
    chart.dispose();
  }
}

const WORDS = {
  perDay: { fr: "Soumissions reçues par jour", en: "Submissions received per day" },
  received: { fr: "Reçues", en: "Received" },
  invalid: { fr: "Invalides", en: "Invalid" },
  byIsland: { fr: "Soumissions par île et issue", en: "Submissions by island and outcome" },
  valid: { fr: "Valides", en: "Valid" },
  rejected: { fr: "Rejetées", en: "Rejected" },
  waiting: { fr: "En attente", en: "Waiting" },
  registry: { fr: "Registre par île", en: "Registry by island" },
  households: { fr: "Ménages", en: "Households" },
  individuals: { fr: "Individus", en: "Individuals" },
  backlog: { fr: "Revue en attente par âge", en: "Review backlog by age" },
} as const;

/** The report's charts, drawn from the same figures as its tables. */
export function reportCharts(report: ActivityReport, lang: Language): ReportChart[] {
  const w = (key: keyof typeof WORDS) => WORDS[key][lang];
  const island = (code: string | null) => (code === null ? "?" : (report.places[code]?.[lang] ?? code));
  const s = report.submissions;
  const b = report.reviewBacklog;
  // Every day of the period (up to the report's day when it is not over), those without a submission at 0.
  const perDay = new Map(s.byDay.map((d) => [d.day, d]));
  const days = s.byDay.length ? periodDays(report.period, [report.period.to, report.generatedAt].sort()[0]!) : [];
  const charts = [
    render(
      w("perDay"),
      days.map((d) => d.slice(5)),
      [
        { name: w("received"), data: days.map((d) => perDay.get(d)?.received ?? 0), type: "line" },
        { name: w("invalid"), data: days.map((d) => perDay.get(d)?.invalid ?? 0), type: "line" },
      ],
    ),
    render(
      w("byIsland"),
      s.byIsland.map((r) => island(r.island)),
      (["valid", "invalid", "rejected", "waiting"] as const).map((k) => ({
        name: w(k),
        data: s.byIsland.map((r) => r[k]),
        stack: "outcome",
      })),
    ),
    render(
      w("registry"),
      report.registry.byIsland.map((r) => island(r.island)),
      [
        { name: w("households"), data: report.registry.byIsland.map((r) => r.households) },
        { name: w("individuals"), data: report.registry.byIsland.map((r) => r.individuals) },
      ],
    ),
    render(
      w("backlog"),
      b.map((r) => r.kind),
      (
        [
          ["< 1 j", "< 1 d", "under1d"],
          ["1–7 j", "1–7 d", "under7d"],
          ["7–30 j", "7–30 d", "under30d"],
          ["≥ 30 j", "≥ 30 d", "over30d"],
        ] as const
      ).map(([fr, en, key]) => ({ name: lang === "fr" ? fr : en, data: b.map((r) => r[key]), stack: "age" })),
    ),
  ];
  return charts.filter((c) => c !== null);
}

/** `YYYY-MM-DD` of each local day from the period's start (included) to `to` (excluded, or included when mid-day). */
function periodDays(period: ReportPeriod, to: string): string[] {
  const days: string[] = [];
  // Local days are 23 to 25 hours long where clocks change: step by 12 hours and keep each date once.
  for (let t = Date.parse(period.from); t < Date.parse(to); t += 43_200_000) {
    const day = localDay(t, period.timeZone);
    if (days.at(-1) !== day) days.push(day);
  }
  return days;
}
