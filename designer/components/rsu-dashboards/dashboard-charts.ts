import type { DashboardFigures, IndicatorFigures } from "../../../schemas/contracts/dashboards";
import type { Variable } from "../../../schemas/catalogue/types";
import { describeCode, type CodeLabels } from "../../../kit/code-labels";
import { pick, t, tCode } from "../../i18n";
import type { ChartData } from "./charts";

/** One chart of a dashboard with the table of the same numbers (read by screen readers, downloaded as CSV). */
export interface ChartSpec {
  id: string;
  title: string;
  columns: string[];
  rows: (string | number)[][];
  chart: ChartData;
  /** Said under the title: what the reader must know to read the numbers right. */
  note?: string;
}

const SEXES = ["1", "2"];

/** The dashboard's charts, in reading order, from its figures and the codes' labels. */
export function dashboardCharts(d: DashboardFigures, labels: CodeLabels): ChartSpec[] {
  const area = (code: string | null) => (code === null ? t("dashUnknown") : describeCode(labels, [d.childLevel], code, pick));
  const sex = (code: string) => describeCode(labels, ["sex"], code, pick);
  const bands = [...new Set(d.pyramid.map((r) => r.band))].sort((a, b) => a - b);
  const bandName = (band: number) => (band >= 80 ? "80+" : `${band}–${band + 4}`);
  const cellOf = (code: string, band: number) => d.pyramid.find((r) => r.band === band && r.sex === code);
  // A hidden cell (null) is drawn as no bar and written « < 5 » in the table, never as a 0 that would be false.
  const pyramidOf = (code: string) => bands.map((b) => cellOf(code, b)?.individuals ?? 0);
  const hidden = (min: number) => t("dashHiddenCell", { min });
  const cellText = (code: string, band: number) => {
    const cell = cellOf(code, band);
    return cell && cell.individuals === null ? hidden(d.pyramidMinCell!) : (cell?.individuals ?? 0);
  };
  return [
    spec(
      "byArea",
      t("dashByArea", { level: tCode("dashLevel_", d.childLevel) }),
      [tCode("dashLevel_", d.childLevel), t("dashHouseholds"), t("dashIndividuals")],
      d.byArea.map((r) => [area(r.code), r.households, r.individuals]),
      { kind: "bar", horizontal: true },
    ),
    spec(
      "perDay",
      t("dashPerDay", { days: d.days }),
      [t("dashDay"), t("dashSubmissions")],
      d.submissionsPerDay.map((r) => [r.day, r.submissions]),
      { kind: "line" },
    ),
    spec(
      "sizes",
      t("dashSizes"),
      [t("dashSize"), t("dashHouseholds")],
      d.householdSizes.map((r) => [r.size, r.households]),
      { kind: "bar" },
    ),
    {
      id: "pyramid",
      title: t("dashPyramid"),
      columns: [t("dashAge"), ...SEXES.map(sex)],
      // Oldest at the top, as a pyramid reads.
      rows: [...bands].reverse().map((b) => [bandName(b), ...SEXES.map((code) => cellText(code, b))]),
      ...(d.pyramidMinCell !== null && { note: t("dashSmallCells", { min: d.pyramidMinCell }) }),
      chart: {
        kind: "pyramid",
        categories: bands.map(bandName),
        series: SEXES.map((code) => ({ name: sex(code), values: pyramidOf(code) })),
      },
    },
    spec(
      "review",
      t("dashReview"),
      [t("dashKind"), t("dashOpen")],
      d.review.map((r) => [tCode("review_kind_", r.kind), r.open]),
      { kind: "bar", horizontal: true },
    ),
  ];
}

/** An indicator as a chart: counts by value stacked per group, or the mean per group for a number. */
export function indicatorChart(f: IndicatorFigures, variable: Variable, labels: CodeLabels, groupLevel: string): ChartSpec {
  const group = (code: string | null) =>
    code === null ? t("dashAll") : describeCode(labels, f.breakdown === "sex" ? ["sex"] : [groupLevel], code, pick);
  const title = t("dashIndicatorOf", { variable: pick({ en: "", ...variable.label }) });
  if (f.summary.length) {
    const rows = f.summary.map((r) => [group(r.group), r.answered, round(r.mean), r.min ?? "", r.max ?? ""]);
    return spec(
      "indicator",
      title,
      [t("dashGroup"), t("dashAnswered"), t("dashMean"), t("dashMin"), t("dashMax")],
      rows,
      { kind: "bar", horizontal: true },
      [2],
    );
  }
  const groups = [...new Set(f.counts.map((r) => r.group))];
  const values = [...new Set(f.counts.map((r) => r.value))];
  const valueName = (v: string | null) =>
    v === null ? t("dashNoAnswer") : v === "true" ? t("yes") : v === "false" ? t("no") : describeCode(labels, [variable.code], v, pick);
  const count = (g: string | null, v: string | null) => f.counts.find((r) => r.group === g && r.value === v)?.count ?? 0;
  return {
    id: "indicator",
    title,
    columns: [t("dashGroup"), ...values.map(valueName)],
    rows: groups.map((g) => [group(g), ...values.map((v) => count(g, v))]),
    chart: {
      kind: "bar",
      horizontal: true,
      stacked: true,
      categories: groups.map(group),
      series: values.map((v) => ({ name: valueName(v), values: groups.map((g) => count(g, v)) })),
    },
  };
}

/** A chart whose category is the first column and whose series are the other columns (or those in `only`). */
function spec(
  id: string,
  title: string,
  columns: string[],
  rows: (string | number)[][],
  chart: Pick<ChartData, "kind" | "horizontal">,
  only?: number[],
): ChartSpec {
  const series = (only ?? columns.slice(1).map((_, i) => i + 1)).map((i) => ({
    name: columns[i]!,
    values: rows.map((r) => Number(r[i]) || 0),
  }));
  return { id, title, columns, rows, chart: { ...chart, categories: rows.map((r) => String(r[0])), series } };
}

const round = (n: number | null) => (n === null ? "" : Math.round(n * 100) / 100);

/** The table as CSV for Excel: UTF-8 with a BOM, semicolons (French Excel), quotes doubled. */
export function chartCsv(c: ChartSpec): string {
  const cell = (v: string | number) => (typeof v === "number" ? String(v) : `"${v.replace(/"/g, '""')}"`);
  return `\uFEFF${[c.columns, ...c.rows].map((r) => r.map(cell).join(";")).join("\r\n")}\r\n`;
}
