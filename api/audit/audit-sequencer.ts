import type pg from "pg";
import type { AppConfig } from "../config";
import { connectAsApp } from "../db/app-role";
import { errorMessage, type Logger } from "../log";
import { writeAnchor } from "./audit-anchor";
import { type ChainHead, chainAuditRows, type Horizon, horizonReached, readChainHead, SEQUENCER_LOCK, takeHorizon } from "./chain-audit";

export interface RunningSequencer {
  close(): Promise<void>;
}

/**
 * The audit log's one sequencer (issues #15, #22), run by every workers process: each tick, the process
 * holding a session advisory lock chains the rows whose numbers are final (chain-audit.ts) and anchors the
 * head after each run that advanced it, and at least every `anchorIntervalMs`. The others wait for the lock;
 * a dropped connection frees it for them. Writers never wait on any of this.
 */
export function startAuditSequencer(config: AppConfig, logger: Logger): RunningSequencer {
  const { anchorKey, anchorIntervalMs, chainIntervalMs } = config.audit;
  let client: pg.Client | null = null;
  let leader = false;
  let pending: Horizon | null = null;
  let lastAnchorAt = 0;

  async function anchor(head: ChainHead | null) {
    await writeAnchor(config.audit, head, logger);
    lastAnchorAt = Date.now();
  }

  async function tick() {
    client ??= await connectAsApp(config.databaseUrl);
    if (!leader) {
      leader = (await client.query(`select pg_try_advisory_lock($1) as won`, [SEQUENCER_LOCK])).rows[0]!.won;
      if (!leader) return;
      logger.info("audit_sequencer_leading");
    }
    pending ??= await takeHorizon(client);
    if (await horizonReached(client, pending)) {
      const { head, added } = await chainAuditRows(client, anchorKey, pending.seq);
      pending = null;
      if (added) logger.debug("audit_chained", { rows: added, head: head?.seq });
      if (added || Date.now() - lastAnchorAt >= anchorIntervalMs) await anchor(head);
    } else if (Date.now() - lastAnchorAt >= anchorIntervalMs) {
      await anchor(await readChainHead(client, anchorKey));
    }
  }

  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    running ??= tick()
      .catch((error) => {
        logger.error("audit_sequencer_failed", { error: errorMessage(error) });
        // A new connection next tick: the lock, if this one held it, went with the old one.
        void client?.end().catch(() => {});
        client = null;
        leader = false;
        pending = null;
      })
      .finally(() => (running = null));
  }, chainIntervalMs);

  return {
    async close() {
      clearInterval(timer);
      await running;
      await client?.end().catch(() => {});
    },
  };
}
