import { Hono } from "hono";
import { CATALOGUE_SHEETS, renderCatalogueCsv, type CatalogueSheet } from "../../schemas/catalogue/export/csv";
import type { ExportSource } from "../../schemas/catalogue/export/common";
import { renderCatalogueDdi } from "../../schemas/catalogue/export/ddi";
import { renderSpecificationHtml } from "../../schemas/catalogue/export/spec-html";
import { renderCatalogueXlsx } from "../../schemas/catalogue/export/xlsx";
import type { Catalogue } from "../../schemas/catalogue/types";
import type { AppEnv } from "../app-env";
import { allow } from "../middleware/authorize";
import { describeRoute } from "../openapi/describe";
import { problems } from "../problems";
import { loadCatalogue } from "../services/catalogue-store";
import { findRelease } from "../services/catalogue-releases";
import { positiveInteger } from "./params";

const FORMATS = ["html", "xlsx", "csv", "ddi"] as const;
type ExportFormat = (typeof FORMATS)[number];

const CONTENT_TYPES: Record<ExportFormat, string> = {
  html: "text/html; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ddi: "application/xml",
};
const EXTENSIONS: Record<ExportFormat, string> = { html: "html", csv: "csv", xlsx: "xlsx", ddi: "xml" };

/**
 * Exports of the working catalogue or of a release (issue 4): specification document, CSV, XLSX, DDI.
 * A catalogue holds definitions, never personal data, so reading it writes no audit row.
 */
export function catalogueExportRoutes() {
  return new Hono<AppEnv>().get(
    "/",
    allow("catalogue:read"),
    describeRoute("Le catalogue en XLSX, CSV, DDI ou cahier des charges.", "The catalogue as XLSX, CSV, DDI or specification.", {
      mediaType: "application/octet-stream",
      errors: ["unknownExportFormat"],
    }),
    async (c) => {
      const q = c.req.query();
      const format = q.format as ExportFormat;
      if (!FORMATS.includes(format)) throw problems.unknownExportFormat("format", q.format, FORMATS);
      const sheet = (q.sheet ?? "variables") as CatalogueSheet;
      if (format === "csv" && !CATALOGUE_SHEETS.includes(sheet)) throw problems.unknownExportFormat("sheet", q.sheet, CATALOGUE_SHEETS);
      const lang = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(q.lang ?? "") ? q.lang! : "fr";

      const em = c.get("em");
      let catalogue: Catalogue;
      const source: ExportSource = { generatedAt: new Date().toISOString() };
      let stem: string;
      if (q.release !== undefined) {
        const release = await findRelease(em, positiveInteger("release", q.release));
        catalogue = release.catalogue;
        source.release = { name: release.name, notes: release.notes ?? null, createdAt: release.createdAt.toISOString() };
        stem = `release-${release.id}`;
      } else {
        catalogue = await loadCatalogue(em);
        stem = source.generatedAt.slice(0, 10);
      }

      const filename = `catalogue-${stem}${format === "csv" ? `-${sheet}` : ""}.${EXTENSIONS[format]}`;
      c.header("Content-Type", CONTENT_TYPES[format]);
      c.header("Content-Disposition", `${format === "html" ? "inline" : "attachment"}; filename="${filename}"`);
      switch (format) {
        case "html":
          return c.body(renderSpecificationHtml(catalogue, lang, source));
        case "csv":
          return c.body(renderCatalogueCsv(catalogue, sheet));
        case "ddi":
          return c.body(renderCatalogueDdi(catalogue, source));
        case "xlsx":
          return c.body(await renderCatalogueXlsx(catalogue));
      }
    },
  );
}
