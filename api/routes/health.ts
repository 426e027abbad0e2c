import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../app-env";
import { allow } from "../middleware/authorize";
import { problems } from "../problems";

const CHECK_TIMEOUT_MS = 1_500;

/** Liveness (the process answers) and readiness (PostgreSQL and Redis answer too). */
export function healthRoutes({ orm, redis }: AppDeps) {
  return new Hono<AppEnv>()
    .get("/healthz", allow("public"), (c) => c.json({ status: "ok" }))
    .get("/readyz", allow("public"), async (c) => {
      const [postgres, redisState] = await Promise.all([
        probe(() => orm.em.getConnection().execute("select 1")),
        probe(() => redis.ping()),
      ]);
      const services = { postgres, redis: redisState };
      if (postgres !== "ok" || redisState !== "ok") throw problems.serviceUnavailable(services);
      return c.json({ status: "ok", services });
    });
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
