import type { EntityManager } from "@mikro-orm/postgresql";
import { Session, type User } from "../entities";
import type { Actor } from "./actor";
import { announceCredentialChange } from "./credential-changes";
import { cacheGeneration, cachedActor, forgetCredential, forgetUser, rememberActor } from "./credential-cache";
import { isRole } from "./roles";
import { hashSecret, newSecret } from "./secrets";

export interface SessionPolicy {
  idleMs: number;
  maxAgeMs: number;
}

/** Writing `lastSeenAt` on every request would turn every read into a write; once a minute is enough. */
const TOUCH_EVERY_MS = 60_000;

export async function openSession(em: EntityManager, user: User, address: string | null, policy: SessionPolicy): Promise<string> {
  const { secret, hash } = newSecret();
  const now = new Date();
  em.create(Session, { tokenHash: hash, user, lastSeenAt: now, expiresAt: new Date(now.getTime() + policy.maxAgeMs), address });
  await em.flush();
  return secret;
}

/** The actor behind a session cookie, or null when the session is unknown, idle too long or expired. */
export async function actorFromSession(entityManager: () => EntityManager, secret: string, policy: SessionPolicy): Promise<Actor | null> {
  const hash = hashSecret(secret);
  const cached = cachedActor(hash);
  if (cached) return cached;
  const readAt = cacheGeneration();
  const em = entityManager();
  const session = await em.findOne(Session, hash, { populate: ["user"] });
  if (!session) return null;
  const now = Date.now();
  if (session.expiresAt.getTime() <= now || session.lastSeenAt.getTime() + policy.idleMs <= now || !session.user.active) {
    await em.nativeDelete(Session, { tokenHash: session.tokenHash });
    return null;
  }
  let lastSeen = session.lastSeenAt.getTime();
  if (now - lastSeen > TOUCH_EVERY_MS) {
    await em.nativeUpdate(Session, { tokenHash: session.tokenHash }, { lastSeenAt: new Date(now) });
    lastSeen = now;
  }
  const { user } = session;
  const actor: Actor = {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles.filter(isRole),
    areas: user.areas,
    grants: user.grants,
    via: "session",
  };
  rememberActor(hash, actor, readAt, Math.min(session.expiresAt.getTime(), lastSeen + policy.idleMs));
  return actor;
}

export async function closeSession(em: EntityManager, secret: string): Promise<void> {
  const hash = hashSecret(secret);
  await em.nativeDelete(Session, { tokenHash: hash });
  forgetCredential(hash);
  await announceCredentialChange(em, { credential: hash });
}

/** Ends every session of a user (deactivation, password reset). */
export async function closeSessionsOf(em: EntityManager, userId: string): Promise<void> {
  await em.nativeDelete(Session, { user: userId });
  forgetUser(userId);
  await announceCredentialChange(em, { userId });
}
