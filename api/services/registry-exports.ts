import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { ExportRequest, ExportView } from "../../schemas/contracts/exports";
import type { Actor } from "../auth/actor";
import { roleMay } from "../auth/permissions";
import { recordAudit, type AuditActor } from "../audit/record-audit";
import { RegistryExport } from "../entities";
import { errorMessage, type Logger } from "../log";
import { problems } from "../problems";
import type { ExportQueue } from "../queue/export-queue";

/** A bare date means the end of that day, as `?at=` on a household: the registry as it was that evening. */
function endOf(raw: string): string {
  const at = new Date(raw);
  return (raw.length === 10 ? new Date(at.getTime() + 86_399_999) : at).toISOString();
}

/**
 * Records an export request (audited: who, which filters) and queues its job after the commit. Without a
 * date the export is of the registry as it is now, fixed at the request: running it later gives the same file.
 */
export async function requestExport(
  em: EntityManager,
  actor: Actor,
  by: AuditActor,
  input: ExportRequest,
  queue: ExportQueue,
  logger: Logger,
): Promise<RegistryExport> {
  const { format, ...rest } = input;
  const filters = { ...rest, asOf: rest.asOf ? endOf(rest.asOf) : new Date().toISOString() };
  if (filters.changedSince) filters.changedSince = new Date(filters.changedSince).toISOString();
  const request = await em.transactional(async (tx) => {
    const row = tx.create(RegistryExport, {
      id: randomUUID(),
      requestedBy: actor.userId,
      roles: actor.roles.filter((role) => roleMay([role], "registry:export")),
      format,
      filters,
      status: "queued",
      requestedAt: new Date(),
    });
    await tx.flush();
    await recordAudit(tx, by, {
      action: "registry_export.requested",
      entityType: "registry_export",
      entityId: row.id,
      details: { format, filters, roles: row.roles },
    });
    return row;
  });
  try {
    await queue.enqueue(request.id);
  } catch (error) {
    // Nothing is lost but the wish: the row says so and the analyst asks again once Redis is back.
    logger.warn("export_enqueue_failed", { exportId: request.id, error: errorMessage(error) });
    await em.nativeUpdate(RegistryExport, { id: request.id }, { status: "failed", error: "queue_unavailable", finishedAt: new Date() });
    throw problems.serviceUnavailable({ redis: "unreachable" });
  }
  return request;
}

/** One of the caller's own exports: nobody else's, not even an administrator's, is named or shown. */
export async function ownExport(em: EntityManager, actor: Actor, id: string): Promise<RegistryExport> {
  const request = await em.findOne(RegistryExport, { id, requestedBy: actor.userId });
  if (!request) throw problems.exportNotFound();
  return request;
}

/** Cancels a queued or running export; the job stops at its next batch and leaves no file. */
export async function cancelExport(
  em: EntityManager,
  actor: Actor,
  by: AuditActor,
  id: string,
  queue: ExportQueue,
): Promise<RegistryExport> {
  const request = await ownExport(em, actor, id);
  if (request.status !== "queued" && request.status !== "running") throw problems.exportFinished(request.status);
  await em.transactional(async (tx) => {
    const updated = await tx.nativeUpdate(
      RegistryExport,
      { id, status: { $in: ["queued", "running"] } },
      { status: "cancelled", finishedAt: new Date() },
    );
    if (!updated) throw problems.exportFinished("done");
    await recordAudit(tx, by, { action: "registry_export.cancelled", entityType: "registry_export", entityId: id });
  });
  // A job still waiting is dropped; a running one sees the status at its next batch.
  await queue.queue.remove(id).catch(() => 0);
  return em.findOneOrFail(RegistryExport, id, { refresh: true });
}

export function exportView(request: RegistryExport): ExportView {
  return {
    id: request.id,
    status: request.status,
    format: request.format,
    filters: request.filters,
    requestedAt: request.requestedAt.toISOString(),
    progress: { done: request.done, total: request.total ?? null },
    households: request.households ?? null,
    individuals: request.individuals ?? null,
    checksum: request.checksum ?? null,
    bytes: request.bytes ?? null,
    finishedAt: request.finishedAt?.toISOString() ?? null,
    expiresAt: request.expiresAt?.toISOString() ?? null,
    error: request.error ?? null,
  };
}
