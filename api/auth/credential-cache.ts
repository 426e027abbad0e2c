import type { Actor } from "./actor";

/**
 * Who a token or session cookie names, remembered for at most a second (issue #22): a burst of requests
 * with one credential reads the database once. Revoking, closing or changing a user forgets the entries at
 * once on this instance; other instances notice within TTL_MS, when their entry expires.
 */
const TTL_MS = 1_000;
const entries = new Map<string, { actor: Actor; until: number }>();

export function cachedActor(key: string): Actor | null {
  const entry = entries.get(key);
  if (!entry) return null;
  if (entry.until > Date.now()) return entry.actor;
  entries.delete(key);
  return null;
}

export function rememberActor(key: string, actor: Actor): void {
  // Bounded by the number of credentials used within a second; stale ones are dropped as they are met.
  if (entries.size > 10_000) entries.clear();
  entries.set(key, { actor, until: Date.now() + TTL_MS });
}

export function forgetCredential(key: string): void {
  entries.delete(key);
}

/** A user's change (disabled, roles, areas, password) applies to every credential of theirs at once. */
export function forgetUser(userId: string): void {
  for (const [key, entry] of entries) if (entry.actor.userId === userId) entries.delete(key);
}
