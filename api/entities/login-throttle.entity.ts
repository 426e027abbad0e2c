import { defineEntity, p, type InferEntity } from "@mikro-orm/core";

/**
 * Failed sign-ins counted per (account, address) pair, in PostgreSQL so that every API instance sees the
 * same counts (api/auth/login-throttle.ts).
 */
export const LoginThrottle = defineEntity({
  name: "LoginThrottle",
  tableName: "login_throttle",
  // An administrator's unlock and the users screen look an account's pairs up by name.
  indexes: [{ properties: ["username"] }],
  properties: {
    key: p.string().primary(),
    failures: p.integer(),
    username: p.string(),
    address: p.string().nullable(),
    lastFailureAt: p.datetime(),
    lockedUntil: p.datetime().nullable(),
  },
});
export type LoginThrottle = InferEntity<typeof LoginThrottle>;
