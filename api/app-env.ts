import type { EntityManager, MikroORM } from "@mikro-orm/postgresql";
import type { Actor } from "./auth/actor";
import type { Redis } from "ioredis";
import type { AppConfig } from "./config";
import type { Logger } from "./log";
import type { IntegrationQueue } from "./queue/integration-queue";

/** What the HTTP app needs from the outside world; passed in, never imported as globals. */
export interface AppDeps {
  config: AppConfig;
  orm: MikroORM;
  queue: IntegrationQueue;
  /** The producer's Redis connection, also used by /readyz. */
  redis: Redis;
  logger: Logger;
  /** Folder of the built designer and runtime (vite build); nothing is served from it when null. */
  staticRoot: string | null;
}

/** Hono's per-request variables: one EntityManager fork per request, and who is asking. */
export interface AppEnv {
  Variables: {
    /** Unset on POST /api/submissions until `requestEm()` forks it (api/middleware/entity-manager.ts). */
    em: EntityManager;
    forkEm: () => EntityManager;
    /** Null for an anonymous request. */
    actor: Actor | null;
    /** The client's address (X-Forwarded-For only behind a trusted proxy), for throttling and the audit log. */
    address: string | null;
    /** Set by `allow()`: a route that never set it is refused (deny by default). */
    permission: string | undefined;
    /** Set on an accepted submission: true when it was an earlier one sent again (counted apart in /metrics). */
    submissionResent: boolean | undefined;
  };
}
