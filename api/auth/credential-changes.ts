import type { EntityManager } from "@mikro-orm/postgresql";
import { connectAsApp } from "../db/app-role";
import { queryRows } from "../db/plain-sql";
import { errorMessage, type Logger } from "../log";
import { forgetCredential, forgetUser, listenerConnected } from "./credential-cache";

/**
 * Every API instance keeps its own credential cache (credential-cache.ts); a change made on one instance,
 * or by the CLI, reaches the others through PostgreSQL's NOTIFY (issue #22). Sent inside the change's
 * transaction, a notification is delivered if and only if the change commits, and right after it.
 */
const CHANNEL = "rsu_credentials";
const RECONNECT_MS = 1_000;
/**
 * A listening connection only ever receives: if a NAT or firewall drops it silently, or a partition hides
 * its end, no error ever comes and changes are missed for good. So it asks PostgreSQL something every
 * second, and one not answered within two counts as lost (the cache then trusts entries for a second).
 */
const HEARTBEAT_MS = 1_000;
const HEARTBEAT_TIMEOUT_MS = 2_000;

/** Every credential of a user, or one credential (a session closed) by its hash. */
export type CredentialChange = { userId: string } | { credential: string };

/** Tells every instance listening, on commit of `em`'s transaction (at once outside one), to forget these credentials. */
export async function announceCredentialChange(em: EntityManager, change: CredentialChange): Promise<void> {
  await queryRows(em, `select pg_notify(?, ?)`, [CHANNEL, JSON.stringify(change)]);
}

export interface CredentialListener {
  close(): Promise<void>;
}

/**
 * Listens on a connection of its own. While it is down (PostgreSQL restarting), the cache trusts an entry
 * for a second only; on reconnecting, it forgets everything, since changes may have been missed meanwhile.
 */
export function listenForCredentialChanges(databaseUrl: string, logger: Logger): CredentialListener {
  let closed = false;
  let client: Awaited<ReturnType<typeof connectAsApp>> | null = null;
  let retry: NodeJS.Timeout | null = null;

  const lost = (error?: unknown) => {
    if (client) {
      client = null;
      listenerConnected(false);
    }
    if (error && !closed) logger.warn("credential_listener_lost", { error: errorMessage(error) });
    if (!closed && !retry) retry = setTimeout(connect, RECONNECT_MS);
  };

  async function connect() {
    retry = null;
    if (closed) return;
    let connection: Awaited<ReturnType<typeof connectAsApp>> | null = null;
    try {
      connection = await connectAsApp(databaseUrl);
      const listening = connection;
      listening.on("error", (error) => (client === listening ? lost(error) : undefined));
      listening.on("end", () => (client === listening ? lost() : undefined));
      listening.on("notification", (message) => apply(message.payload));
      await listening.query(`listen ${CHANNEL}`);
      if (closed) return void (await listening.end());
      client = listening;
      listenerConnected(true);
      heartbeat(listening);
    } catch (error) {
      await connection?.end().catch(() => {});
      lost(error);
    }
  }
  /** Until `listening` is no longer the listener; one that does not answer is dropped without waiting for it. */
  function heartbeat(listening: NonNullable<typeof client>) {
    let waiting = false;
    const beat = setInterval(() => {
      if (client !== listening) return clearInterval(beat);
      if (waiting) return;
      waiting = true;
      const silent = setTimeout(() => dead(new Error("the credential listener's connection did not answer")), HEARTBEAT_TIMEOUT_MS);
      // LISTEN again: a no-op for PostgreSQL, and pg_stat_activity keeps showing what the connection is for.
      listening.query(`listen ${CHANNEL}`).then(
        () => {
          clearTimeout(silent);
          waiting = false;
        },
        (error) => {
          clearTimeout(silent);
          dead(error);
        },
      );
    }, HEARTBEAT_MS);
    beat.unref();
    const dead = (error: unknown) => {
      clearInterval(beat);
      if (client !== listening) return;
      lost(error);
      // Not awaited: over a connection that carries nothing, the goodbye would wait forever.
      void listening.end().catch(() => {});
    };
  }
  void connect();

  return {
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const connection = client;
      if (connection) {
        client = null;
        listenerConnected(false);
        await connection.end().catch(() => {});
      }
    },
  };
}

function apply(payload: string | undefined): void {
  try {
    const change = JSON.parse(payload ?? "") as Partial<{ userId: string; credential: string }>;
    if (typeof change.userId === "string") forgetUser(change.userId);
    else if (typeof change.credential === "string") forgetCredential(change.credential);
  } catch {
    // Only this code notifies on the channel; anything else is ignored.
  }
}
