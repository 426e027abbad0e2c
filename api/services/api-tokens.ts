import type { EntityManager } from "@mikro-orm/postgresql";
import { announceCredentialChange } from "../auth/credential-changes";
import { forgetCredential } from "../auth/credential-cache";
import { issueApiToken } from "../auth/api-tokens";
import type { Role } from "../auth/roles";
import type { AuditActor } from "../audit/record-audit";
import { recordAudit } from "../audit/record-audit";
import { ApiToken, User } from "../entities";
import { problems } from "../problems";

export const tokenSchema = {
  type: "object",
  required: ["username", "name"],
  additionalProperties: false,
  properties: {
    username: { type: "string", minLength: 1, maxLength: 80 },
    name: { type: "string", minLength: 1, maxLength: 200 },
    role: { type: "string" },
    expiresAt: { type: "string", format: "date-time" },
  },
} as const;

/**
 * Issues a machine token acting as `username` with one of their roles (the first by default), audited.
 * Returns the secret, which the caller shows once.
 */
export async function createApiToken(
  em: EntityManager,
  by: AuditActor,
  input: { username: string; name: string; role?: string; expiresAt?: Date | null },
) {
  return em.transactional(async (tx) => {
    const user = await tx.findOne(User, { username: input.username });
    if (!user) throw problems.userNotFound();
    const role = (input.role ?? user.roles[0]) as Role | undefined;
    if (!role || !user.roles.includes(role)) throw problems.roleNotHeld();
    const { token, secret } = issueApiToken(tx, user, role, input.name, input.expiresAt ?? null);
    await tx.flush();
    await recordAudit(tx, by, {
      action: "token.create",
      entityType: "api_token",
      entityId: token.id,
      details: { userId: user.id, role, expiresAt: token.expiresAt?.toISOString() ?? null },
    });
    return { token, secret };
  });
}

export async function revokeApiToken(em: EntityManager, by: AuditActor, id: string): Promise<ApiToken> {
  const revoked = await em.transactional(async (tx) => {
    const token = await tx.findOne(ApiToken, id);
    if (!token) throw problems.tokenNotFound();
    token.revokedAt ??= new Date();
    await tx.flush();
    await recordAudit(tx, by, { action: "token.revoke", entityType: "api_token", entityId: id });
    await announceCredentialChange(tx, { credential: token.tokenHash });
    return token;
  });
  // After commit, so that no request re-reads the token as valid in between.
  forgetCredential(revoked.tokenHash);
  return revoked;
}

export function tokenView(token: ApiToken) {
  return {
    id: token.id,
    userId: typeof token.user === "object" ? token.user.id : token.user,
    name: token.name,
    role: token.role,
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
  };
}
