import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { MikroORM } from "@mikro-orm/postgresql";
import type { AppConfig } from "../../api/config";
import { activityFigures } from "../../api/registry/reports/activity-figures";
import { auditStatus } from "../../api/registry/reports/audit-status";
import { reportFileName } from "../../api/registry/reports/report-tables";
import { reportHtml } from "../../api/registry/reports/report-html";
import { writeReportXlsx } from "../../api/registry/reports/report-xlsx";
import { parseReportPeriod, type ReportKind } from "../../schemas/contracts/reports";
import { parseOptions } from "./options";

const USAGE = "usage: rsu report monthly YYYY-MM | quarterly YYYY-QN [--lang fr|en] [--out DIR]";

/**
 * rsu report monthly 2026-11 | quarterly 2026-Q4 (issue #23): the administrator's report as a printable
 * HTML page and an XLSX workbook with the same tables, written in --out (default: the current directory).
 */
export async function report(orm: MikroORM, args: string[], _operator: string, config: AppConfig): Promise<void> {
  const { positional, options } = parseOptions(args);
  const [kind, label] = positional;
  const lang = options.get("lang")?.[0] ?? "fr";
  if ((kind !== "monthly" && kind !== "quarterly") || !label || (lang !== "fr" && lang !== "en")) throw new Error(USAGE);
  const period = parseReportPeriod(label, kind as ReportKind, config.timeZone);
  if (!period) throw new Error(`${USAGE}\n  période inconnue / unknown period: ${label}`);
  const dir = options.get("out")?.[0] ?? ".";
  await mkdir(dir, { recursive: true });
  const figures = await activityFigures(orm.em.fork(), period, () => auditStatus(config));
  const base = join(dir, reportFileName(period, lang));
  await writeFile(`${base}.html`, reportHtml(figures, lang));
  await writeReportXlsx(figures, lang, { filename: `${base}.xlsx` });
  console.log(`${base}.html\n${base}.xlsx`);
}
