import type { Actor } from "./actor";

/**
 * Who a token or session cookie names, remembered briefly (issue #22): a burst of requests with one
 * credential reads the database once. Revoking, closing or changing a user forgets the entries at once on
 * this instance, and on the others as soon as they hear of it (credential-changes.ts, PostgreSQL NOTIFY).
 * An instance that cannot hear of changes (its listener is down, silent for 2 s, or none was started)
 * trusts an entry for a second only.
 */
const DEAF_TTL_MS = 1_000;
const LISTENING_TTL_MS = 30_000;
const entries = new Map<string, { actor: Actor; until: number }>();
/** Listeners of this process connected now. */
let listeners = 0;
/** Bumped by every forget: a credential read from the database before a forget is not remembered after it. */
let generation = 0;

export function cachedActor(key: string): Actor | null {
  const entry = entries.get(key);
  if (!entry) return null;
  if (entry.until > Date.now()) return entry.actor;
  entries.delete(key);
  return null;
}

/** Where a credential is read from the database: pass it back to rememberActor. */
export function cacheGeneration(): number {
  return generation;
}

/**
 * Remembers what was read at `readAt` (cacheGeneration() before the read), unless a change was heard since;
 * never beyond `validUntil` (the session's idle limit or the token's expiry).
 */
export function rememberActor(key: string, actor: Actor, readAt: number, validUntil = Number.POSITIVE_INFINITY): void {
  if (readAt !== generation) return;
  // Bounded by the number of credentials used within the TTL; stale ones are dropped as they are met.
  if (entries.size > 10_000) entries.clear();
  entries.set(key, { actor, until: Math.min(validUntil, Date.now() + (listeners > 0 ? LISTENING_TTL_MS : DEAF_TTL_MS)) });
}

export function forgetCredential(key: string): void {
  generation++;
  entries.delete(key);
}

/** A user's change (disabled, roles, areas, password, a token revoked) applies to every credential of theirs at once. */
export function forgetUser(userId: string): void {
  generation++;
  for (const [key, entry] of entries) if (entry.actor.userId === userId) entries.delete(key);
}

/** A listener connected (true) or lost its connection (false): what was remembered meanwhile may be stale. */
export function listenerConnected(connected: boolean): void {
  listeners += connected ? 1 : -1;
  generation++;
  entries.clear();
}
