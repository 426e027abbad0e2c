import { Readable } from "node:stream";
import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../app-env";
import { dryRunImport } from "../imports/dry-run";
import { errorReport } from "../imports/error-report";
import { importSuggestions } from "../imports/import-suggestions";
import { importProgress, importProvenance, startImportRun, stopImport } from "../imports/run-import";
import { undoImport } from "../imports/undo-import";
import { importView, listImports, uploadImportFile, type Upload } from "../imports/upload-import";
import { allow } from "../middleware/authorize";
import { createImportQueue, type ImportQueue } from "../queue/import-queue";
import { describeRoute } from "../openapi/describe";
import { jsonBody, readJson } from "../middleware/json-body";
import { positiveInteger, uuid } from "./params";
import { validateBody } from "./validate-body";

const dryRunSchema = {
  type: "object",
  additionalProperties: false,
  required: ["profileId"],
  properties: { profileId: { type: "string", format: "uuid" } },
} as const;

const deliverySchema = /^[\p{L}\p{N} ._:-]{1,64}$/u;

/**
 * Bulk import (issue #19): upload the partner's files (the body is the file itself, its name in `name`),
 * see the mapping suggestions, dry-run with a profile, download the errors as XLSX, run (answered once
 * every household is written as a submission; integration follows in the workers), pause, cancel.
 */
export function importRoutes({ config, redis, logger }: AppDeps) {
  let queue: ImportQueue | undefined;
  const importQueue = () => (queue ??= createImportQueue(redis, config.queuePrefix));
  const upload = (c: { req: { raw: Request; query(name: string): string | undefined } }): Upload => {
    const delivery = c.req.query("delivery");
    return {
      body: c.req.raw.body,
      name: (c.req.query("name") ?? "").slice(0, 200),
      format: c.req.query("format"),
      ...(delivery && deliverySchema.test(delivery) ? { delivery } : {}),
    };
  };
  return (
    new Hono<AppEnv>()
      .get("/", allow("imports:manage"), describeRoute("Les imports de bases partenaires.", "Partner database imports."), async (c) =>
        c.json(await listImports(c.get("em"))),
      )
      .post(
        "/",
        allow("imports:manage"),
        describeRoute("Dépose le fichier des ménages d'un import.", "Uploads an import's household file.", {
          mediaType: "application/json",
          status: 201,
          errors: ["invalidParameter", "payloadTooLarge", "unknownFormat", "fileUnreadable"],
        }),
        async (c) => c.json(await uploadImportFile(c.get("em"), c.get("actor")!, c.get("address"), "households", upload(c)), 201),
      )
      // Which import, profile and source lines a registry change (its submission) came from.
      .get(
        "/provenance/:submissionId",
        allow("imports:manage"),
        describeRoute(
          "D'où vient un changement du registre : import, profil, lignes source.",
          "Where a registry change comes from: import, profile, source lines.",
          { errors: ["invalidParameter"] },
        ),
        async (c) => c.json(await importProvenance(c.get("em"), uuid("submissionId", c.req.param("submissionId")))),
      )
      .get(
        "/:id",
        allow("imports:manage"),
        describeRoute("Un import.", "An import.", { errors: ["invalidParameter", "importNotFound"] }),
        async (c) => c.json(await importView(c.get("em"), uuid("id", c.req.param("id")))),
      )
      .put(
        "/:id/individuals",
        allow("imports:manage"),
        describeRoute("Dépose le fichier des individus d'un import.", "Uploads an import's individuals file.", {
          errors: ["invalidParameter", "payloadTooLarge", "importNotFound", "wrongStatus", "unknownFormat", "fileUnreadable"],
        }),
        async (c) =>
          c.json(
            await uploadImportFile(c.get("em"), c.get("actor")!, c.get("address"), "individuals", upload(c), uuid("id", c.req.param("id"))),
          ),
      )
      // Which variable each column and code each value probably is, for the published version chosen.
      .get(
        "/:id/suggestions",
        allow("imports:manage"),
        describeRoute("Correspondances proposées entre colonnes et variables.", "Suggested column-to-variable mappings.", {
          errors: ["invalidParameter", "importNotFound", "profileInvalid"],
        }),
        async (c) =>
          c.json(
            await importSuggestions(
              c.get("em"),
              uuid("id", c.req.param("id")),
              c.req.query("formId") ?? "",
              positiveInteger("version", c.req.query("version")),
            ),
          ),
      )
      .post(
        "/:id/dry-run",
        allow("imports:manage"),
        describeRoute("Essai à blanc d'un import avec un profil.", "Dry run of an import with a profile.", {
          body: dryRunSchema,
          errors: [
            "invalidParameter",
            "importNotFound",
            "wrongStatus",
            "profileNotFound",
            "profileInvalid",
            "filesMissing",
            "columnsMissing",
          ],
        }),
        jsonBody(),
        async (c) => {
          const { profileId } = validateBody<{ profileId: string }>(dryRunSchema, await readJson(c));
          const id = uuid("id", c.req.param("id"));
          return c.json(
            await dryRunImport(c.get("em"), id, profileId.toLowerCase(), c.get("actor")!, c.get("address"), config.matchThresholds),
          );
        },
      )
      .post(
        "/:id/run",
        allow("imports:manage"),
        describeRoute("Lance (ou reprend) un import.", "Runs (or resumes) an import.", {
          status: 202,
          errors: ["invalidParameter", "importNotFound", "wrongStatus"],
        }),
        async (c) => {
          const id = uuid("id", c.req.param("id"));
          await startImportRun(c.get("em"), id, c.get("actor")!, c.get("address"), importQueue(), logger);
          return c.json(await importProgress(c.get("em"), id), 202);
        },
      )
      .post(
        "/:id/pause",
        allow("imports:manage"),
        describeRoute("Met un import en pause.", "Pauses an import.", { errors: ["invalidParameter", "importNotFound", "wrongStatus"] }),
        async (c) => {
          const id = uuid("id", c.req.param("id"));
          await stopImport(c.get("em"), id, "paused", c.get("actor")!, c.get("address"));
          return c.json(await importProgress(c.get("em"), id));
        },
      )
      .post(
        "/:id/cancel",
        allow("imports:manage"),
        describeRoute("Annule un import.", "Cancels an import.", { errors: ["invalidParameter", "importNotFound", "wrongStatus"] }),
        async (c) => {
          const id = uuid("id", c.req.param("id"));
          await stopImport(c.get("em"), id, "cancelled", c.get("actor")!, c.get("address"));
          return c.json(await importProgress(c.get("em"), id));
        },
      )
      // Everything the run created or changed in the registry is reversed by new versions (issue #19).
      .post(
        "/:id/undo",
        allow("imports:manage"),
        describeRoute(
          "Défait un import : ses changements du registre sont annulés par de nouvelles versions.",
          "Undoes an import: its registry changes are reversed by new versions.",
          { errors: ["invalidParameter", "importNotFound", "alreadyUndone", "wrongStatus", "stillIntegrating"] },
        ),
        async (c) => c.json(await undoImport(c.get("em"), uuid("id", c.req.param("id")), c.get("actor")!, c.get("address"))),
      )
      .get(
        "/:id/progress",
        allow("imports:manage"),
        describeRoute("La progression d'un import.", "An import's progress.", { errors: ["invalidParameter", "importNotFound"] }),
        async (c) => c.json(await importProgress(c.get("em"), uuid("id", c.req.param("id")))),
      )
      .get(
        "/:id/errors.xlsx",
        allow("imports:manage"),
        describeRoute("Le classeur des erreurs d'un import.", "An import's error workbook.", {
          mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          errors: ["invalidParameter", "importNotFound"],
        }),
        async (c) => {
          const id = uuid("id", c.req.param("id"));
          const stream = await errorReport(c.get("em"), id);
          c.header("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
          c.header("Content-Disposition", `attachment; filename="import-${id.slice(0, 8)}-erreurs.xlsx"`);
          return c.body(Readable.toWeb(stream as Readable) as ReadableStream);
        },
      )
  );
}
