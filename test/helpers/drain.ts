import type { MikroORM } from "@mikro-orm/postgresql";
import { Queue, QueueEvents } from "bullmq";
import { workerConnection } from "../../api/queue/redis";
import { EXPORT_QUEUE } from "../../schemas/contracts/exports";
import { IMPORT_QUEUE } from "../../schemas/contracts/imports";
import { INTEGRATION_QUEUE } from "../../schemas/contracts/jobs";

/** The queues whose work a test waits for: integration, registry exports (issue #17) and import runs (issue #19). */
const QUEUES = [INTEGRATION_QUEUE, EXPORT_QUEUE, IMPORT_QUEUE] as const;

/** Job states that mean integration work is still to come; completed and failed-for-good jobs are done. */
const PENDING = ["waiting", "active", "delayed", "prioritized", "waiting-children"] as const;
/** Every queue event after which the answer to "is anything left?" may have changed. */
const EVENTS = ["added", "waiting", "active", "completed", "failed", "delayed", "stalled", "removed", "drained"] as const;

export interface QueueWatch {
  /**
   * Resolves once the integration work is done: no outbox row left (every accepted submission settled)
   * and no job waiting, running or delayed for a retry. Re-checked on each queue event, never on a timer.
   */
  drain(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface Pending {
  outbox: number;
  jobs: Record<string, number>;
}

/** Watches the queues of one Redis and prefix (in-process workers or worker processes alike). */
export function watchQueue(orm: MikroORM, redisUrl: string, prefix: string): QueueWatch {
  const connection = workerConnection(redisUrl);
  const blocking = QUEUES.map(() => workerConnection(redisUrl));
  const queues = QUEUES.map((name) => new Queue(name, { connection, prefix }));
  let listening: Promise<QueueEvents[]> | undefined;
  const waiters = new Set<() => void>();
  let generation = 0;
  const wake = () => {
    generation++;
    for (const resolve of waiters) resolve();
    waiters.clear();
  };

  const listen = () =>
    Promise.all(
      queues.map(async (queue, i) => {
        // From the newest event already recorded: anything that happens after this line is heard, so a check
        // made after subscribing can never miss the event that would change its answer.
        const [newest] = await connection.xrevrange(queue.keys.events!, "+", "-", "COUNT", 1);
        const events = new QueueEvents(queue.name, { connection: blocking[i]!, prefix, lastEventId: newest?.[0] ?? "0-0" });
        for (const event of EVENTS) events.on(event, wake);
        events.on("error", () => {});
        await events.waitUntilReady();
        return events;
      }),
    );

  const pending = async (): Promise<Pending> => {
    // The outbox first: a job can only appear later for a row still there (relay) or one the test adds.
    const [row] = await orm.em.fork().getConnection().execute<{ n: number }[]>(`select count(*)::int as n from outbox`);
    const jobs: Record<string, number> = {};
    for (const queue of queues) {
      for (const [state, n] of Object.entries(await queue.getJobCounts(...PENDING))) jobs[state] = (jobs[state] ?? 0) + n;
    }
    return { outbox: row!.n, jobs };
  };

  // Drains waiting at once share one check per queue event rather than each running its own.
  let shared: { generation: number; result: Promise<Pending> } | undefined;
  const check = () => {
    if (shared?.generation !== generation) shared = { generation, result: pending() };
    return shared.result;
  };

  return {
    async drain(timeoutMs = 25_000) {
      listening ??= listen();
      await listening;
      // A check made before this call may predate work just added whose events have not arrived yet.
      generation++;
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const next = new Promise<void>((resolve) => waiters.add(resolve));
        const left = await check();
        if (left.outbox === 0 && Object.values(left.jobs).every((n) => n === 0)) return;
        if (!(await before(next, deadline))) {
          const jobs = Object.entries(left.jobs).filter(([, n]) => n > 0);
          throw new Error(
            `the integration queue did not drain within ${timeoutMs} ms: ${left.outbox} outbox row(s), jobs ${JSON.stringify(Object.fromEntries(jobs))}`,
          );
        }
      }
    },
    async close() {
      wake();
      if (listening) for (const events of await listening) await events.close().catch(() => {});
      for (const queue of queues) await queue.close().catch(() => {});
      connection.disconnect();
      for (const redis of blocking) redis.disconnect();
    },
  };
}

/** True when `event` happens before `deadline`. */
function before(event: Promise<void>, deadline: number): Promise<boolean> {
  let timer: NodeJS.Timeout;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
  });
  return Promise.race([event.then(() => true), late]).finally(() => clearTimeout(timer));
}
