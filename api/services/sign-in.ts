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
 * password get the same answer, in the same time; repeated failures lock the account and the address
 * for a growing while (429). Successes and failures are both audited.
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
      await recordFailure(tx, username, address, {
        maxFailuresPerAccount: config.loginMaxFailuresPerAccount,
        maxFailuresPerAddress: config.loginMaxFailuresPerAddress,
        lockMs: config.loginLockMs,
        windowMs: 15 * 60_000,
      });
      await recordAudit(
        tx,
        { id: user?.id ?? null, name: username.slice(0, 80), address },
        { action: "auth.login_failed", entityType: "user", entityId: user?.id ?? null },
      );
    });
    throw problems.invalidCredentials();
  }

  return em.transactional(async (tx) => {
    await recordSuccess(tx, username);
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
