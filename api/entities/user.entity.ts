import { defineEntity, p, type InferEntity } from "@mikro-orm/core";

/** A person who signs in. The password is kept only as a scrypt hash (api/services/passwords.ts). */
export const User = defineEntity({
  name: "User",
  tableName: "users",
  properties: {
    id: p.uuid().primary(),
    username: p.string().length(80).unique(),
    displayName: p.string(),
    passwordHash: p.string(),
    roles: p.array(),
    /** Island, prefecture or commune codes (administrative code lists) a clerk or supervisor works in. */
    areas: p.array(),
    /** Sensitivity levels beyond "internal" this user may read: "personal", "sensitive" (analysts). */
    grants: p.array().default("{}"),
    active: p.boolean().default(true),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type User = InferEntity<typeof User>;
