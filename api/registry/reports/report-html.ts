import { escapeHtml } from "../../../schemas/catalogue/export/spec-html";
import { localDay, localMinute } from "../../../schemas/contracts/local-time";
import type { ActivityReport } from "../../../schemas/contracts/reports";
import { reportCharts } from "./report-charts";
import { type Language, type ReportCell, reportTables } from "./report-tables";

const WORDS = {
  monthly: { fr: "Rapport mensuel d'exploitation", en: "Monthly operations report" },
  quarterly: { fr: "Rapport trimestriel d'exploitation", en: "Quarterly operations report" },
  registry: { fr: "Registre social unique", en: "Unique social registry" },
  period: { fr: "Période", en: "Period" },
  generated: { fr: "Produit le", en: "Generated on" },
  dates: { fr: "du {from} au {to} (heure locale, {zone}, fin exclue)", en: "from {from} to {to} (local time, {zone}, end excluded)" },
  redaction: {
    fr: "Ce rapport ne contient que des agrégats : aucun nom, numéro d'identification ni réponse de ménage.",
    en: "This report holds aggregates only: no household's name, identification number or answer.",
  },
  charts: { fr: "Graphiques", en: "Charts" },
  empty: { fr: "Rien pendant la période.", en: "Nothing in the period." },
} as const;

function cell(value: ReportCell, lang: Language): string {
  if (value === null) return `<td class="none">—</td>`;
  if (typeof value === "number") return `<td class="n">${value.toLocaleString(lang === "fr" ? "fr-FR" : "en-GB")}</td>`;
  return `<td>${escapeHtml(value)}</td>`;
}

/**
 * The report as one self-contained, printable HTML page (issue #23): no script, no network, charts as
 * inline SVG, the same tables as the XLSX. `lang` chooses the language (French by default).
 */
export function reportHtml(report: ActivityReport, lang: Language = "fr"): string {
  const w = (key: keyof typeof WORDS) => WORDS[key][lang];
  const { period } = report;
  const title = `${w(period.kind)} ${period.label}`;
  const dates = w("dates")
    .replace("{from}", localDay(period.from, period.timeZone))
    .replace("{to}", localDay(period.to, period.timeZone))
    .replace("{zone}", escapeHtml(period.timeZone));
  const tables = reportTables(report, lang)
    .map(
      (t) => `<section class="table">
  <h2>${escapeHtml(t.title[lang])}</h2>${t.note ? `\n  <p class="note">${escapeHtml(t.note[lang])}</p>` : ""}
  ${
    t.rows.length
      ? `<table>
    <thead><tr>${t.columns.map((c) => `<th scope="col">${escapeHtml(c[lang])}</th>`).join("")}</tr></thead>
    <tbody>${t.rows.map((r) => `<tr>${r.map((v) => cell(v, lang)).join("")}</tr>`).join("\n")}</tbody>
  </table>`
      : `<p class="none">${w("empty")}</p>`
  }
</section>`,
    )
    .join("\n");
  const charts = reportCharts(report, lang)
    .map((c) => `<figure><figcaption>${escapeHtml(c.title)}</figcaption>${c.svg}</figure>`)
    .join("\n");
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  @page { size: A4; margin: 15mm; }
  body { font-family: system-ui, "DejaVu Sans", sans-serif; color: #1a1a1a; max-width: 60rem; margin: 0 auto; padding: 1rem; line-height: 1.4; }
  header { border-bottom: 2px solid #1f4e79; margin-bottom: 1rem; }
  h1 { font-size: 1.5rem; margin: 0.2rem 0; color: #1f4e79; }
  h2 { font-size: 1.1rem; margin: 1.2rem 0 0.3rem; color: #1f4e79; }
  .note, .redaction { font-size: 0.85rem; color: #444; margin: 0.2rem 0; }
  table { border-collapse: collapse; width: 100%; font-size: 0.85rem; }
  th, td { border: 1px solid #bbb; padding: 0.2rem 0.4rem; text-align: start; vertical-align: top; }
  th { background: #e8eef5; }
  td.n { text-align: end; font-variant-numeric: tabular-nums; }
  .none { color: #555; }
  .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 0.8rem; }
  figure { margin: 0; break-inside: avoid; }
  figure svg { max-width: 100%; height: auto; }
  figcaption { font-size: 0.9rem; font-weight: 600; text-align: center; }
  section.table { break-inside: avoid; }
</style>
</head>
<body>
<header>
  <p>${w("registry")}</p>
  <h1>${escapeHtml(title)}</h1>
  <p>${w("period")} ${escapeHtml(period.label)} : ${dates}. ${w("generated")} ${localMinute(report.generatedAt, period.timeZone)}.</p>
  <p class="redaction">${w("redaction")}</p>
</header>
<main>
${charts ? `<h2>${w("charts")}</h2>\n<div class="charts">\n${charts}\n</div>` : ""}
${tables}
</main>
</body>
</html>
`;
}
