import { rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { MikroORM } from "@mikro-orm/postgresql";
import { createApp } from "../../api/app";
import { loadConfig, type AppConfig } from "../../api/config";
import { dropDatabase } from "../../api/db/create-database";
import { openDatabase } from "../../api/db/database";
import { createLogger } from "../../api/log";
import { createIntegrationQueue, type IntegrationQueue } from "../../api/queue/integration-queue";
import { producerConnection } from "../../api/queue/redis";
import { startApi, type RunningApi } from "../../api/runtime";
import { startWorkers, type RunningWorkers } from "../../workers/start-workers";
import { systemActor } from "../../api/auth/actor";
import { DEMO_ACCOUNTS } from "../../api/db/seeders/demo-accounts";
import { createApiToken } from "../../api/services/api-tokens";
import { createUser, type NewUser } from "../../api/services/users";
import { watchQueue, type QueueWatch } from "./drain";
import { testEnv } from "./test-env";
import { copyTemplate } from "./template-database";
import { testClient, type Caller, type TestClient } from "./test-client";

export type DemoUsername = (typeof DEMO_ACCOUNTS)[number]["username"];

/**
 * A test's own installation: its own database (rsu_test_<name>) on the real PostgreSQL, its own queue
 * prefix on the real Redis, the demo data seeded. Nothing is mocked; tests differ only by configuration.
 * The base servers come from TEST_DATABASE_URL / TEST_REDIS_URL (defaults: the local ones).
 */
export interface TestContext extends TestClient {
  config: AppConfig;
  orm: MikroORM;
  /** The HTTP app without a server, for `app.request()`. */
  app: ReturnType<typeof createApp>;
  /**
   * A request through the app as a demo account or an added user (by username; null: anonymous),
   * authenticated by an API token.
   */
  request(path: string, init?: RequestInit, as?: Caller): Promise<Response>;
  /** The API token of each demo account, and of each user added with addUser. */
  tokens: Record<DemoUsername, string> & Record<string, string>;
  /** Creates a user (its password is `<username>-demo-2026`) whom `as` may then name. */
  addUser(user: Omit<NewUser, "password">): Promise<void>;
  /** Every line the app and the workers logged (also written to stderr), to check what they reveal. */
  logs: string[];
  queue: IntegrationQueue;
  /** Waits until the integration work is done (test/helpers/drain.ts), on the Redis the workers use. */
  drain(timeoutMs?: number): Promise<void>;
  startWorkers(overrides?: Record<string, string>): RunningWorkers;
  /** Starts the real HTTP server on a free port, serving dist/ too. */
  listen(): Promise<RunningApi & { url: string }>;
  close(): Promise<void>;
}

const DIST = fileURLToPath(new URL("../../dist", import.meta.url));

/**
 * `restored`: open the database already there (one a test restored from a backup) as the application
 * would start on it: no fresh database, no demo seed, its anchors kept.
 */
export async function createTestContext(
  name: string,
  overrides: Record<string, string> = {},
  { restored = false, staticRoot = DIST }: { restored?: boolean; staticRoot?: string } = {},
): Promise<TestContext> {
  const env = testEnv(name, overrides);
  const config = loadConfig(env);
  if (!restored) {
    // A new database, migrated and seeded (test/helpers/template-database.ts): anchors of an earlier run's
    // database would name rows this one never had.
    await copyTemplate(config.databaseUrl);
    await rm(config.audit.anchorFile, { force: true });
  }
  const orm = await openDatabase(config.databaseUrl, { migrate: restored, migrationUrl: config.migrationDatabaseUrl });
  const logs: string[] = [];
  const logger = createLogger(config.logLevel, `test:${name}`, {
    write(line: string) {
      logs.push(line);
      process.stderr.write(line);
    },
  });
  const redis = producerConnection(config.redisUrl);
  const queue = createIntegrationQueue(redis, config.queuePrefix);
  const app = createApp({ config, orm, queue, redis, logger, staticRoot });
  const closers: (() => Promise<void>)[] = [];
  const tokens = {} as TestContext["tokens"];
  const addToken = async (username: string) => {
    tokens[username] = (await createApiToken(orm.em.fork(), systemActor("test"), { username, name: "test" })).secret;
  };
  for (const account of DEMO_ACCOUNTS) await addToken(account.username);
  const request = (path: string, init: RequestInit = {}, as: Caller = "admin") => {
    const headers = new Headers(init.headers);
    if (as) {
      if (!tokens[as]) throw new Error(`no test account named ${as}`);
      headers.set("authorization", `Bearer ${tokens[as]}`);
    }
    return Promise.resolve(app.request(path, { ...init, headers }));
  };
  // The queue is watched on the Redis of the workers last started (the API's may be the one that is down).
  let watch: { redisUrl: string; queue: QueueWatch } | null = null;
  const watchOn = (redisUrl: string) => {
    if (watch?.redisUrl === redisUrl) return watch.queue;
    const previous = watch?.queue;
    watch = { redisUrl, queue: watchQueue(orm, redisUrl, config.queuePrefix) };
    void previous?.close();
    return watch.queue;
  };
  const drain = (timeoutMs?: number) => (watch?.queue ?? watchOn(config.redisUrl)).drain(timeoutMs);
  return {
    config,
    orm,
    app,
    tokens,
    logs,
    request,
    ...testClient(request, () => drain()),
    async addUser(user) {
      await createUser(orm.em.fork(), systemActor("test"), { ...user, password: `${user.username}-demo-2026` });
      await addToken(user.username);
    },
    queue,
    drain,
    startWorkers(workerOverrides = {}) {
      const workerConfig = loadConfig({ ...env, ...workerOverrides });
      watchOn(workerConfig.redisUrl);
      const workers = startWorkers(workerConfig, orm, logger);
      closers.push(() => workers.close());
      return workers;
    },
    async listen() {
      const api = await startApi(config, orm, logger, staticRoot);
      closers.push(() => api.close());
      return { ...api, url: `http://127.0.0.1:${api.port}` };
    },
    async close() {
      for (const close of closers.reverse()) await close().catch(() => {});
      await watch?.queue.close();
      await Promise.race([queue.queue.obliterate({ force: true }).catch(() => {}), new Promise((r) => setTimeout(r, 2_000))]);
      await queue.close();
      redis.disconnect();
      await orm.close();
      await dropDatabase(config.databaseUrl);
    },
  };
}
