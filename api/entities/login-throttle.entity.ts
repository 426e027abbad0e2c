import { defineEntity, p, type InferEntity } from "@mikro-orm/core";

/**
 * Failed sign-ins counted per account ("user:<name>") and per address ("address:<ip>"), in PostgreSQL so
 * that every API instance sees the same counts.
 */
export const LoginThrottle = defineEntity({
  name: "LoginThrottle",
  tableName: "login_throttle",
  properties: {
    key: p.string().primary(),
    failures: p.integer(),
    windowStartedAt: p.datetime(),
    lockedUntil: p.datetime().nullable(),
  },
});
export type LoginThrottle = InferEntity<typeof LoginThrottle>;
