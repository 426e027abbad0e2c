import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { User } from "./user.entity";

/**
 * A token for a machine (a tablet fleet, a partner system), acting as a user with one of that user's roles.
 * Shown once at creation; only its SHA-256 is stored.
 */
export const ApiToken = defineEntity({
  name: "ApiToken",
  tableName: "api_tokens",
  properties: {
    id: p.uuid().primary(),
    user: () => p.manyToOne(User).deleteRule("cascade").index(),
    name: p.string(),
    role: p.string().length(20),
    tokenHash: p.string().length(64).unique(),
    createdAt: p.datetime().onCreate(() => new Date()),
    expiresAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
    lastUsedAt: p.datetime().nullable(),
  },
});
export type ApiToken = InferEntity<typeof ApiToken>;
