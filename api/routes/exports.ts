import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { Hono } from "hono";
import { exportRequestSchema, type ExportRequest } from "../../schemas/contracts/exports";
import type { AppDeps, AppEnv } from "../app-env";
import { auditActor } from "../auth/actor";
import { recordAudit } from "../audit/record-audit";
import { RegistryExport } from "../entities";
import { allow } from "../middleware/authorize";
import { describeRoute } from "../openapi/describe";
import { exportListResponse, exportResponse } from "../openapi/responses";
import { jsonBody, readJson } from "../middleware/json-body";
import { problems } from "../problems";
import { createExportQueue, type ExportQueue } from "../queue/export-queue";
import { exportFilePath } from "../registry/exports/run-export";
import { cancelExport, exportView, ownExport, requestExport } from "../services/registry-exports";
import { uuid } from "./params";
import { validateBody } from "./validate-body";

/** Registry exports (issue #17): ask, follow, cancel, download; each user sees only their own. */
export function exportRoutes(deps: AppDeps) {
  let queue: ExportQueue | undefined;
  const exportQueue = () => (queue ??= createExportQueue(deps.redis, deps.config.queuePrefix));
  const store = deps.config.exports;
  return new Hono<AppEnv>()
    .post(
      "/",
      allow("registry:export"),
      describeRoute("Demande un export du registre (tâche en arrière-plan).", "Asks for a registry export (background job).", {
        body: exportRequestSchema,
        status: 202,
        errors: ["serviceUnavailable"],
        response: exportResponse,
      }),
      jsonBody(),
      async (c) => {
        const input = validateBody<ExportRequest>(exportRequestSchema, await readJson(c));
        const actor = c.get("actor")!;
        const request = await requestExport(c.get("em"), actor, auditActor(actor, c.get("address")), input, exportQueue(), deps.logger);
        return c.json(exportView(request), 202);
      },
    )
    .get(
      "/",
      allow("registry:export"),
      describeRoute("Ses exports, du plus récent au plus ancien.", "One's own exports, newest first.", { response: exportListResponse }),
      async (c) => {
        const rows = await c
          .get("em")
          .find(RegistryExport, { requestedBy: c.get("actor")!.userId }, { orderBy: { requestedAt: "desc" }, limit: 100 });
        return c.json(rows.map(exportView));
      },
    )
    .get(
      "/:id",
      allow("registry:export"),
      describeRoute("Un de ses exports et sa progression.", "One of one's exports and its progress.", {
        errors: ["exportNotFound", "invalidParameter"],
        response: exportResponse,
      }),
      async (c) => c.json(exportView(await ownExport(c.get("em"), c.get("actor")!, uuid("id", c.req.param("id"))))),
    )
    .post(
      "/:id/cancel",
      allow("registry:export"),
      describeRoute("Annule un export en attente ou en cours.", "Cancels a queued or running export.", {
        errors: ["exportNotFound", "exportFinished", "invalidParameter"],
        response: exportResponse,
      }),
      async (c) => {
        const actor = c.get("actor")!;
        const id = uuid("id", c.req.param("id"));
        return c.json(exportView(await cancelExport(c.get("em"), actor, auditActor(actor, c.get("address")), id, exportQueue())));
      },
    )
    .get(
      "/:id/file",
      allow("registry:export"),
      describeRoute("Télécharge le fichier d'un export (zip).", "Downloads an export's file (zip).", {
        mediaType: "application/zip",
        errors: ["exportNotFound", "exportExpired", "exportNotReady", "invalidParameter"],
      }),
      async (c) => {
        const actor = c.get("actor")!;
        const request = await ownExport(c.get("em"), actor, uuid("id", c.req.param("id")));
        if (request.status === "expired" || (request.status === "done" && request.expiresAt! <= new Date())) throw problems.exportExpired();
        if (request.status !== "done") throw problems.exportNotReady(request.status);
        await c.get("em").transactional((tx) =>
          recordAudit(tx, auditActor(actor, c.get("address")), {
            action: "registry_export.downloaded",
            entityType: "registry_export",
            entityId: request.id,
            details: { checksum: request.checksum },
          }),
        );
        const day = request.filters.asOf.slice(0, 10);
        c.header("Content-Type", "application/zip");
        c.header("Content-Disposition", `attachment; filename="registre-${day}-${request.format}-${request.id.slice(0, 8)}.zip"`);
        c.header("Content-Length", String(request.bytes));
        return c.body(Readable.toWeb(createReadStream(exportFilePath(store, request.id))) as ReadableStream);
      },
    );
}
