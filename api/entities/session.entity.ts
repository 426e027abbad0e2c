import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { User } from "./user.entity";

/**
 * A signed-in browser. The cookie carries a random token; only its SHA-256 is stored, so a copy of the
 * database does not let anyone sign in. A session ends on logout, after inactivity, or at `expiresAt`.
 */
export const Session = defineEntity({
  name: "Session",
  tableName: "sessions",
  properties: {
    tokenHash: p.string().length(64).primary(),
    user: () => p.manyToOne(User).deleteRule("cascade").index(),
    createdAt: p.datetime().onCreate(() => new Date()),
    lastSeenAt: p.datetime(),
    expiresAt: p.datetime(),
    address: p.string().length(64).nullable(),
  },
});
export type Session = InferEntity<typeof Session>;
