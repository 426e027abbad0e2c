import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { AuditEvent, AuditLink } from "../entities";
import { allow } from "../middleware/authorize";
import { describeRoute } from "../openapi/describe";
import { problems } from "../problems";
import { positiveInteger } from "./params";

/** The audit log, newest first, filtered by actor, entity and time; a row's link is null until the sequencer chains it. */
export function auditRoutes() {
  return new Hono<AppEnv>().get(
    "/",
    allow("audit:read"),
    describeRoute("Le journal d'audit, filtré.", "The audit log, filtered.", { errors: ["invalidParameter"] }),
    async (c) => {
      const q = (name: string) => c.req.query(name) || undefined;
      const where: Record<string, unknown> = {};
      if (q("actor")) where.actor = q("actor");
      if (q("entityType")) where.entityType = q("entityType");
      if (q("entityId")) where.entityId = q("entityId");
      if (q("action")) where.action = q("action");
      const from = date("from", q("from"));
      const to = date("to", q("to"));
      if (from || to) where.at = { ...(from ? { $gte: from } : {}), ...(to ? { $lt: to } : {}) };
      const [rows, total] = await c.get("em").findAndCount(AuditEvent, where, {
        orderBy: { seq: "desc" },
        limit: positiveInteger("limit", q("limit"), { max: 1000, fallback: 100 }),
        offset: positiveInteger("offset", q("offset"), { min: 0, max: 100_000_000, fallback: 0 }),
      });
      const links = new Map((await c.get("em").find(AuditLink, { seq: { $in: rows.map((r) => r.seq) } })).map((l) => [l.seq, l]));
      return c.json({
        total,
        items: rows.map(({ xid: _xid, ...r }) => ({
          ...r,
          at: r.at.toISOString(),
          prevHash: links.get(r.seq)?.prevHash ?? null,
          hash: links.get(r.seq)?.hash ?? null,
        })),
      });
    },
  );
}

function date(name: string, raw: string | undefined): Date | undefined {
  if (raw === undefined) return undefined;
  const value = new Date(raw);
  if (Number.isNaN(value.getTime())) {
    throw problems.invalidParameter([
      {
        pointer: `/${name}`,
        code: "invalid_parameter",
        message: { fr: `« ${name} » doit être une date ISO 8601.`, en: `"${name}" must be an ISO 8601 date.` },
      },
    ]);
  }
  return value;
}
