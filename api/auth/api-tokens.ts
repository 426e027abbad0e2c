import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { ApiToken, type User } from "../entities";
import type { Actor } from "./actor";
import { cacheGeneration, cachedActor, rememberActor } from "./credential-cache";
import type { Role } from "./roles";
import { hashSecret, newSecret } from "./secrets";

/** The prefix makes a leaked token recognisable by secret scanners and in logs. */
const PREFIX = "rsu_";

/** Creates a token and returns its secret, which is shown once and never stored. */
export function issueApiToken(
  em: EntityManager,
  user: User,
  role: Role,
  name: string,
  expiresAt: Date | null,
): { token: ApiToken; secret: string } {
  const { secret, hash } = newSecret(PREFIX);
  const token = em.create(ApiToken, { id: randomUUID(), user, name, role, tokenHash: hash, expiresAt });
  return { token, secret };
}

/** The actor behind a bearer token, or null when unknown, revoked, expired, or its user is inactive. `entityManager` only on a cache miss. */
export async function actorFromToken(entityManager: () => EntityManager, secret: string): Promise<Actor | null> {
  if (!secret.startsWith(PREFIX)) return null;
  const hash = hashSecret(secret);
  const cached = cachedActor(hash);
  if (cached) return cached;
  const readAt = cacheGeneration();
  const em = entityManager();
  const token = await em.findOne(ApiToken, { tokenHash: hash }, { populate: ["user"] });
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt.getTime() <= Date.now()) || !token.user.active) return null;
  // The role must still be one of the user's: removing a role from a user removes it from their tokens.
  if (!token.user.roles.includes(token.role)) return null;
  await touchToken(em, token.id);
  const { user } = token;
  const actor: Actor = {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: [token.role as Role],
    areas: user.areas,
    grants: user.grants,
    via: "token",
  };
  rememberActor(hash, actor, readAt, token.expiresAt?.getTime());
  return actor;
}

/** When each token's `lastUsedAt` was last written by this process: at most once a minute. */
const touched = new Map<string, number>();
const TOUCH_EVERY_MS = 60_000;

/**
 * Awaited: it happens once a minute per token, so the request pays for it rarely, and the token list then
 * shows a use as soon as it happened. A failed write only makes "last used" older.
 */
async function touchToken(em: EntityManager, id: string): Promise<void> {
  const now = Date.now();
  if (now - (touched.get(id) ?? 0) < TOUCH_EVERY_MS) return;
  touched.set(id, now);
  await em
    .fork()
    .nativeUpdate(ApiToken, { id }, { lastUsedAt: new Date(now) })
    .catch(() => touched.delete(id));
}
