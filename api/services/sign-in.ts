import type { EntityManager } from "@mikro-orm/postgresql";
import type { AppConfig } from "../config";
import { lockedFor, recordFailure, recordSuccess } from "../auth/login-throttle";
import { openSession } from "../auth/sessions";
import { recordAudit } from "../audit/record-audit";
import { User } from "../entities";
import { problems } from "../problems";
import { hashPassword, verifyPassword } from "./passwords";

/** Compared against when the account does not exist, so that both cases take the same time. */
const decoy = hashPassword("decoy password that matches nothing");

/**
 * Signs a user in and returns the new session's secret (for the cookie). A wrong username and a wrong
 * password get the same answer, in the same time; repeated failures make this account-and-address pair
 * wait for a growing, capped while (429 with Retry-After). Successes, failures and locks are audited.
 */
export async function signIn(
  em: EntityManager,
  config: AppConfig,
  username: string,
  password: string,
  address: string | null,
): Promise<{ secret: string; user: User }> {
  const waitMs = await lockedFor(em, username, address);
  if (waitMs > 0) throw problems.tooManyAttempts(Math.ceil(waitMs / 1000));

  const user = await em.findOne(User, { username: username.toLowerCase() });
  const matches = await verifyPassword(password, user?.passwordHash ?? (await decoy));
  if (!user || !matches || !user.active) {
    await em.transactional(async (tx) => {
      const wait = await recordFailure(tx, username, address, {
        maxFailures: config.loginMaxFailures,
        lockMs: config.loginLockMs,
        maxLockMs: config.loginMaxLockMs,
        forgetMs: 24 * 3_600_000,
      });
      const who = { id: user?.id ?? null, name: username.slice(0, 80), address };
      const entityId = user?.id ?? null;
      await recordAudit(tx, who, { action: "auth.login_failed", entityType: "user", entityId });
      if (wait > 0)
        await recordAudit(tx, who, { action: "auth.locked", entityType: "user", entityId, details: { seconds: Math.ceil(wait / 1000) } });
    });
    throw problems.invalidCredentials();
  }

  return em.transactional(async (tx) => {
    await recordSuccess(tx, username, address);
    const secret = await openSession(tx, user, address, { idleMs: config.sessionIdleMs, maxAgeMs: config.sessionMaxAgeMs });
    await recordAudit(
      tx,
      { id: user.id, name: user.username, address },
      {
        action: "auth.login",
        entityType: "user",
        entityId: user.id,
      },
    );
    return { secret, user };
  });
}
