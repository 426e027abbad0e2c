import { serve, type ServerType } from "@hono/node-server";
import type { MikroORM } from "@mikro-orm/postgresql";
import { createApp } from "./app";
import { listenForCredentialChanges } from "./auth/credential-changes";
import type { AppConfig } from "./config";
import type { Logger } from "./log";
import { createIntegrationQueue } from "./queue/integration-queue";
import { producerConnection } from "./queue/redis";

export interface RunningApi {
  server: ServerType;
  /** The port actually bound (PORT=0 picks a free one, as tests do). */
  port: number;
  close(): Promise<void>;
}

/** Starts the HTTP API on the configured host and port, with its Redis producer. */
export async function startApi(config: AppConfig, orm: MikroORM, logger: Logger, staticRoot: string | null): Promise<RunningApi> {
  const redis = producerConnection(config.redisUrl);
  const queue = createIntegrationQueue(redis, config.queuePrefix);
  const app = createApp({ config, orm, queue, redis, logger, staticRoot });
  // Revocations made on other instances (or by the CLI) reach this one's credential cache (issue #22).
  const credentialChanges = listenForCredentialChanges(config.databaseUrl, logger);
  const { server, port } = await new Promise<{ server: ServerType; port: number }>((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => resolve({ server, port: info.port }));
    server.once("error", reject);
  });
  return {
    server,
    port,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await credentialChanges.close();
      await queue.close();
      redis.disconnect();
    },
  };
}
