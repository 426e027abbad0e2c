import type { EntityManager } from "@mikro-orm/postgresql";

export interface ThrottlePolicy {
  /** Failures allowed per account within the window before it is locked for a while. */
  maxFailuresPerAccount: number;
  /** Failures allowed per address (a field office behind one NAT has many users: set higher). */
  maxFailuresPerAddress: number;
  /** First lock; each further failure doubles it, up to the window. */
  lockMs: number;
  windowMs: number;
}

const keys = (username: string, address: string | null) => [`user:${username.toLowerCase()}`, ...(address ? [`address:${address}`] : [])];

/** Milliseconds until the account or the address may try again; 0 when they may try now. */
export async function lockedFor(em: EntityManager, username: string, address: string | null): Promise<number> {
  const rows: { locked_until: Date | null }[] = await em
    .getConnection()
    .execute(`select locked_until from login_throttle where key in (?) and locked_until > now()`, [keys(username, address)]);
  const until = Math.max(0, ...rows.map((r) => new Date(r.locked_until!).getTime()));
  return Math.max(0, until - Date.now());
}

/** Counts a failure for the account and the address, locking either once past its limit. */
export async function recordFailure(em: EntityManager, username: string, address: string | null, policy: ThrottlePolicy): Promise<void> {
  for (const key of keys(username, address)) {
    const max = key.startsWith("user:") ? policy.maxFailuresPerAccount : policy.maxFailuresPerAddress;
    await em.getConnection().execute(
      `insert into login_throttle (key, failures, window_started_at, locked_until) values (?, 1, now(), null)
       on conflict (key) do update set
         failures = case when login_throttle.window_started_at < now() - ?::interval then 1 else login_throttle.failures + 1 end,
         window_started_at = case when login_throttle.window_started_at < now() - ?::interval then now() else login_throttle.window_started_at end`,
      [key, `${policy.windowMs} milliseconds`, `${policy.windowMs} milliseconds`],
    );
    await em.getConnection().execute(
      `update login_throttle
          set locked_until = now() + least(?::bigint * power(2, failures - ?)::bigint, ?::bigint) * interval '1 millisecond'
        where key = ? and failures >= ?`,
      [policy.lockMs, max, policy.windowMs, key, max],
    );
  }
}

/** A successful sign-in clears the account's count (not the address's: others may share it). */
export async function recordSuccess(em: EntityManager, username: string): Promise<void> {
  await em.getConnection().execute(`delete from login_throttle where key = ?`, [`user:${username.toLowerCase()}`]);
}
