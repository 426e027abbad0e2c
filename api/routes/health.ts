import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../app-env";
import { allow } from "../middleware/authorize";
import { describeRoute } from "../openapi/describe";
import { healthResponse, readinessResponse } from "../openapi/responses";
import { backupAlarm } from "../services/backup-age";
import { problems } from "../problems";

const CHECK_TIMEOUT_MS = 1_500;

/**
 * Liveness (the process answers) and readiness (PostgreSQL and Redis answer too). Readiness also says
 * whether the last proven backup is recent (issue #16): `late` or `never` is an operator's alarm, not a
 * reason to take the instance out of a load balancer, so it never turns the answer into a 503.
 */
export function healthRoutes({ orm, redis, config }: AppDeps) {
  return new Hono<AppEnv>()
    .get("/healthz", allow("public"), describeRoute("Le processus répond.", "The process answers.", { response: healthResponse }), (c) =>
      c.json({ status: "ok" }),
    )
    .get(
      "/readyz",
      allow("public"),
      describeRoute(
        "PostgreSQL et Redis répondent ; âge de la dernière sauvegarde.",
        "PostgreSQL and Redis answer; age of the last backup.",
        { errors: ["serviceUnavailable"], response: readinessResponse },
      ),
      async (c) => {
        const [postgres, redisState] = await Promise.all([
          probe(() => orm.em.getConnection().execute("select 1")),
          probe(() => redis.ping()),
        ]);
        const services = { postgres, redis: redisState };
        if (postgres !== "ok" || redisState !== "ok") throw problems.serviceUnavailable(services);
        const backup = await backupAlarm(orm.em.fork(), config.backup.maxAgeMs).catch(() => "unknown" as const);
        return c.json({ status: "ok", services, backup });
      },
    );
}

async function probe(check: () => Promise<unknown>): Promise<"ok" | "unreachable"> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([check(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error("timeout")), CHECK_TIMEOUT_MS)))]);
    return "ok";
  } catch {
    return "unreachable";
  } finally {
    clearTimeout(timer);
  }
}
