import { type Context, Hono } from "hono";
import type { Queue } from "bullmq";
import type { AppEnv } from "../app-env";
import { auditActor } from "../auth/actor";
import type { AppConfig } from "../config";
import { allow } from "../middleware/authorize";
import { describeRoute } from "../openapi/describe";
import { readBackups, startBackup, startVerification } from "../services/backups";
import { uuid } from "./params";

const actorOf = (c: Context<AppEnv>) => auditActor(c.get("actor")!, c.get("address"));

/** The « Sauvegardes » page (issue #16), for administrators: see the backups, make one now, verify one. */
export function backupRoutes(config: AppConfig, queue: Queue) {
  return new Hono<AppEnv>()
    .get(
      "/",
      allow("operations:manage"),
      describeRoute(
        "Les sauvegardes : l'alarme, le calendrier, la rétention et les dernières faites.",
        "Backups: the alarm, the schedule, the retention and the latest made.",
      ),
      async (c) => c.json(await readBackups(c.get("em"), config.backup, queue)),
    )
    .post(
      "/",
      allow("operations:manage"),
      describeRoute(
        "Lance une sauvegarde maintenant (une tâche), puis sa vérification.",
        "Starts a backup now (a job), then its verification.",
        {
          status: 202,
        },
      ),
      async (c) => c.json(await startBackup(c.get("em"), actorOf(c), queue), 202),
    )
    .post(
      "/:id/verify",
      allow("operations:manage"),
      describeRoute("Vérifie de nouveau une sauvegarde (une tâche).", "Verifies a backup again (a job).", {
        status: 202,
        errors: ["invalidParameter", "backupRunNotFound"],
      }),
      async (c) => c.json(await startVerification(c.get("em"), actorOf(c), queue, uuid("id", c.req.param("id"))), 202),
    );
}
