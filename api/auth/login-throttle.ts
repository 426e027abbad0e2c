import type { EntityManager } from "@mikro-orm/postgresql";

/**
 * Sign-in throttling (OWASP ASVS 4 §2.2.1, NIST SP 800-63B §5.2.2), per (account, address) pair: someone
 * failing from elsewhere never locks the account's owner out, and a field office behind one NAT is not
 * locked as a whole. Past the allowed failures, each further one doubles the wait up to a cap: never a
 * permanent lock. Counts live in PostgreSQL so that every API instance throttles as one; its clock decides.
 */
export interface ThrottlePolicy {
  /** Failures allowed for a pair before it waits. */
  maxFailures: number;
  /** First wait; each further failure doubles it, up to `maxLockMs`. */
  lockMs: number;
  maxLockMs: number;
  /** Failures are forgotten after this long without one. */
  forgetMs: number;
}

const normal = (username: string) => username.toLowerCase();
const keyOf = (username: string, address: string | null) => `${normal(username)}|${address ?? ""}`;

/** Milliseconds until this pair may try again; 0 when it may try now. */
export async function lockedFor(em: EntityManager, username: string, address: string | null): Promise<number> {
  const [row] = await em
    .getConnection()
    .execute<{ wait: string | null }[]>(
      `select greatest(0, ceil(extract(epoch from locked_until - now()) * 1000)) as wait from login_throttle where key = ?`,
      [keyOf(username, address)],
    );
  return Number(row?.wait ?? 0);
}

/** Counts a failure for the pair; returns the wait it now starts (0 when it may try again at once). */
export async function recordFailure(em: EntityManager, username: string, address: string | null, policy: ThrottlePolicy): Promise<number> {
  await em.getConnection().execute(
    `insert into login_throttle as t (key, username, address, failures, last_failure_at, locked_until)
     values (?, ?, ?, 1, now(), null)
     on conflict (key) do update set
       failures = case when t.last_failure_at < now() - ?::bigint * interval '1 millisecond' then 1 else t.failures + 1 end,
       last_failure_at = now()`,
    [keyOf(username, address), normal(username), address, policy.forgetMs],
  );
  const [locked] = await em.getConnection().execute<{ wait: string }[]>(
    `update login_throttle
        set locked_until = now() + least(?::float8 * power(2, failures - ?), ?::float8) * interval '1 millisecond'
      where key = ? and failures >= ?
      returning ceil(extract(epoch from locked_until - now()) * 1000) as wait`,
    [policy.lockMs, policy.maxFailures, policy.maxLockMs, keyOf(username, address), policy.maxFailures],
  );
  return Number(locked?.wait ?? 0);
}

/** A successful sign-in clears the pair's count. */
export async function recordSuccess(em: EntityManager, username: string, address: string | null): Promise<void> {
  await em.getConnection().execute(`delete from login_throttle where key = ?`, [keyOf(username, address)]);
}

/** An administrator lifts every wait of an account, from every address; returns how many pairs waited. */
export async function unlockAccount(em: EntityManager, username: string): Promise<number> {
  const rows = await em
    .getConnection()
    .execute<{ locked: boolean }[]>(`delete from login_throttle where username = ? returning locked_until > now() as locked`, [
      normal(username),
    ]);
  return rows.filter((r) => r.locked).length;
}

/** The accounts waiting now, with the latest end of their waits (for the users screen). */
export async function lockedAccounts(em: EntityManager): Promise<Map<string, Date>> {
  const rows = await em
    .getConnection()
    .execute<{ username: string; until: Date }[]>(
      `select username, max(locked_until) as until from login_throttle where locked_until > now() group by username`,
    );
  return new Map(rows.map((r) => [r.username, new Date(r.until)]));
}
