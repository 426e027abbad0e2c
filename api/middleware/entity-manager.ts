import type { MikroORM } from "@mikro-orm/postgresql";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env";

/** The one route that forks its EntityManager only when it needs one. */
const SUBMISSIONS = "/api/submissions";

/**
 * One EntityManager fork per API request (MikroORM's identity map is per unit of work). A submission needs
 * one only on a credential or version cache miss, a refusal, an update or files: forking one for every
 * submission cost about 3 % of the API's CPU (issue #22), so that route gets it from `requestEm()`.
 */
export function entityManager(orm: MikroORM): MiddlewareHandler<AppEnv> {
  const fork = () => orm.em.fork();
  return function entityManager(c, next) {
    c.set("forkEm", fork);
    if (c.req.method !== "POST" || c.req.path !== SUBMISSIONS) c.set("em", fork());
    return next();
  };
}

/** The request's EntityManager, forked on first use where `entityManager()` left it to the route. */
export function requestEm(c: Context<AppEnv>): EntityManager {
  let em = c.get("em");
  if (!em) {
    em = c.get("forkEm")();
    c.set("em", em);
  }
  return em;
}
