import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "../app-env";
import { auditActor } from "../auth/actor";
import { allow } from "../middleware/authorize";
import { describeRoute } from "../openapi/describe";
import { illFormedTextAt } from "../middleware/well-formed-text";
import { problems } from "../problems";
import { IMPORT_TYPES, importCatalogue, readImportFile, type ImportMode } from "../services/catalogue-import";

/** A catalogue of 2,000 variables weighs about 1 MB as XLSX; 10 MB leaves room without inviting abuse. */
const MAX_BYTES = 10 * 1024 * 1024;
const MODES: readonly ImportMode[] = ["preview", "apply"];

/**
 * POST /api/catalogue/import?mode=preview|apply (issue 4), the body being the file itself: an XLSX
 * workbook or one CSV sheet, in the layout of the exports. Preview is the default: nothing is written
 * unless the writer asks for it.
 */
export function catalogueImportRoutes() {
  return new Hono<AppEnv>().post(
    "/",
    allow("catalogue:write"),
    describeRoute("Importe un catalogue (aperçu ou application).", "Imports a catalogue (preview or apply).", {
      errors: ["importMediaType", "payloadTooLarge", "invalidParameter", "catalogueFileUnreadable", "catalogueImportRefused"],
    }),
    async (c, next) => {
      const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
      if (!Object.values(IMPORT_TYPES).includes(type as never)) throw problems.importMediaType(Object.values(IMPORT_TYPES));
      return next();
    },
    bodyLimit({
      maxSize: MAX_BYTES,
      onError: () => {
        throw problems.payloadTooLarge(MAX_BYTES);
      },
    }),
    async (c) => {
      const mode = (c.req.query("mode") ?? "preview") as ImportMode;
      if (!MODES.includes(mode)) {
        throw problems.invalidParameter([
          {
            pointer: "/mode",
            code: "invalid_parameter",
            message: { fr: "« mode » vaut preview ou apply.", en: `"mode" is preview or apply.` },
          },
        ]);
      }
      const format = c.req.header("content-type")!.toLowerCase().startsWith(IMPORT_TYPES.csv) ? "csv" : "xlsx";
      const file = await readImportFile(new Uint8Array(await c.req.arrayBuffer()), format);
      // A NUL in a cell would pass the preview and fail the apply in PostgreSQL: refused for both.
      const pointer = illFormedTextAt(file);
      if (pointer !== null) throw problems.malformedText("body", pointer);
      return c.json(await importCatalogue(c.get("em"), auditActor(c.get("actor"), c.get("address")), file, mode));
    },
  );
}
