import { PassThrough, Readable } from "node:stream";
import { Hono } from "hono";
import { parseReportPeriod, type ReportPeriod } from "../../schemas/contracts/reports";
import type { AppDeps, AppEnv } from "../app-env";
import { allow } from "../middleware/authorize";
import { describeRoute } from "../openapi/describe";
import { problems } from "../problems";
import { activityFigures } from "../registry/reports/activity-figures";
import { auditStatus } from "../registry/reports/audit-status";
import { reportHtml } from "../registry/reports/report-html";
import { reportFileName } from "../registry/reports/report-tables";
import { writeReportXlsx } from "../registry/reports/report-xlsx";
import { oneOf } from "./params";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const LANG = {
  lang: { schema: { enum: ["fr", "en"], default: "fr" }, about: { fr: "Langue du rapport.", en: "The report's language." } },
};

function period(raw: string, timeZone: string): ReportPeriod {
  const found = parseReportPeriod(raw, undefined, timeZone);
  if (!found) {
    throw problems.invalidParameter([
      {
        pointer: "/period",
        code: "invalid_parameter",
        message: {
          fr: "« period » doit être un mois (2026-11) ou un trimestre (2026-Q4).",
          en: '"period" must be a month (2026-11) or a quarter (2026-Q4).',
        },
      },
    ]);
  }
  return found;
}

/**
 * The administrator's monthly and quarterly report (issue #23): its figures as JSON for the back office,
 * the printable HTML page and the XLSX workbook, French unless `lang=en`.
 */
export function reportRoutes({ config }: Pick<AppDeps, "config">) {
  const figures = (em: Parameters<typeof activityFigures>[0], raw: string) =>
    activityFigures(em, period(raw, config.timeZone), () => auditStatus(config));
  const lang = (raw: string | undefined) => oneOf("lang", raw, ["fr", "en"] as const) ?? "fr";
  const doc = (fr: string, en: string, mediaType?: string) =>
    describeRoute({ summary: { fr, en }, errors: ["invalidParameter"], ...(mediaType ? { mediaType, query: LANG } : {}) });
  return new Hono<AppEnv>()
    .get(
      "/:period",
      allow("operations:manage"),
      doc(
        "Les chiffres du rapport d'un mois (2026-11) ou d'un trimestre (2026-Q4).",
        "The report's figures for a month (2026-11) or a quarter (2026-Q4).",
      ),
      async (c) => c.json(await figures(c.get("em"), c.req.param("period"))),
    )
    .get(
      "/:period/report.html",
      allow("operations:manage"),
      doc("Le rapport imprimable, avec ses graphiques.", "The printable report, with its charts.", "text/html"),
      async (c) => {
        const language = lang(c.req.query("lang"));
        const report = await figures(c.get("em"), c.req.param("period"));
        return c.html(reportHtml(report, language));
      },
    )
    .get(
      "/:period/report.xlsx",
      allow("operations:manage"),
      doc("Les tableaux du rapport en classeur XLSX.", "The report's tables as an XLSX workbook.", XLSX),
      async (c) => {
        const language = lang(c.req.query("lang"));
        const report = await figures(c.get("em"), c.req.param("period"));
        const out = new PassThrough();
        void writeReportXlsx(report, language, { stream: out }).catch((error) => out.destroy(error));
        c.header("Content-Type", XLSX);
        c.header("Content-Disposition", `attachment; filename="${reportFileName(report.period, language)}.xlsx"`);
        return c.body(Readable.toWeb(out) as ReadableStream);
      },
    );
}
