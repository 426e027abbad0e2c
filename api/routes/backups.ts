import { type Context, Hono } from "hono";
import type { Queue } from "bullmq";
import type { AppEnv } from "../app-env";
import { auditActor } from "../auth/actor";
import type { AppConfig } from "../config";
import { allow } from "../middleware/authorize";
import { readBackups, startBackup, startVerification } from "../services/backups";
import { uuid } from "./params";

const actorOf = (c: Context<AppEnv>) => auditActor(c.get("actor")!, c.get("address"));

/** The « Sauvegardes » page (issue #16), for administrators: see the backups, make one now, verify one. */
export function backupRoutes(config: AppConfig, queue: Queue) {
  return new Hono<AppEnv>()
    .get("/", allow("operations:manage"), async (c) => c.json(await readBackups(c.get("em"), config.backup, queue)))
    .post("/", allow("operations:manage"), async (c) => c.json(await startBackup(c.get("em"), actorOf(c), queue), 202))
    .post("/:id/verify", allow("operations:manage"), async (c) =>
      c.json(await startVerification(c.get("em"), actorOf(c), queue, uuid("id", c.req.param("id"))), 202),
    );
}
