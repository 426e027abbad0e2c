import { Redis, type RedisOptions } from "ioredis";

/**
 * Redis connections. The URL's database index (redis://host:6379/2) is honoured by ioredis itself.
 * - producer: fails fast when Redis is down (no offline queue), because the API must answer the clerk
 *   and leave the job to the outbox relay rather than hang;
 * - worker: retries forever, as BullMQ workers require (`maxRetriesPerRequest: null`).
 */
export function producerConnection(redisUrl: string): Redis {
  return connect(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000 });
}

export function workerConnection(redisUrl: string): Redis {
  return connect(redisUrl, { maxRetriesPerRequest: null });
}

function connect(redisUrl: string, options: RedisOptions): Redis {
  const redis = new Redis(redisUrl, {
    ...options,
    // Reconnect with a capped delay: a restarted Redis is picked up within a few seconds.
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
  // Without a listener ioredis prints every failed reconnection as an unhandled error event.
  redis.on("error", () => {});
  return redis;
}
