import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { FieldError } from "../../schemas/contracts/api";
import { HOUSEHOLD_KEY_VARIABLES } from "../../schemas/contracts/registry";
import type { AuditActor } from "../audit/record-audit";
import { recordAudit } from "../audit/record-audit";
import { GRANTS, isRole, ROLES } from "../auth/roles";
import { unlockAccount } from "../auth/login-throttle";
import { closeSessionsOf } from "../auth/sessions";
import { announceCredentialChange } from "../auth/credential-changes";
import { forgetUser } from "../auth/credential-cache";
import { ApiToken, CatalogueCodeList, User } from "../entities";
import { Problem, problems } from "../problems";
import { hashPassword } from "./passwords";

/**
 * Managing accounts, for the API (admins in the designer) and the `rsu user` command alike; every change
 * is audited in its own transaction, and nothing about passwords is ever logged or audited.
 */
export interface NewUser {
  username: string;
  displayName?: string;
  password: string;
  roles: string[];
  areas?: string[];
  grants?: string[];
}

export interface UserChanges {
  displayName?: string;
  roles?: string[];
  areas?: string[];
  grants?: string[];
  active?: boolean;
}

export const MIN_PASSWORD_LENGTH = 10;

export const userSchemas = {
  create: {
    type: "object",
    required: ["username", "password", "roles"],
    additionalProperties: false,
    properties: {
      username: { type: "string", pattern: "^[a-z0-9._-]{3,80}$" },
      displayName: { type: "string", minLength: 1, maxLength: 200 },
      password: { type: "string", minLength: MIN_PASSWORD_LENGTH, maxLength: 1000 },
      roles: { type: "array", minItems: 1, uniqueItems: true, items: { enum: [...ROLES] } },
      areas: { type: "array", uniqueItems: true, items: { type: "string", maxLength: 20 } },
      grants: { type: "array", uniqueItems: true, items: { enum: [...GRANTS] } },
    },
  },
  update: {
    type: "object",
    additionalProperties: false,
    minProperties: 1,
    properties: {
      displayName: { type: "string", minLength: 1, maxLength: 200 },
      roles: { type: "array", minItems: 1, uniqueItems: true, items: { enum: [...ROLES] } },
      areas: { type: "array", uniqueItems: true, items: { type: "string", maxLength: 20 } },
      grants: { type: "array", uniqueItems: true, items: { enum: [...GRANTS] } },
      active: { type: "boolean" },
    },
  },
  password: {
    type: "object",
    required: ["password"],
    additionalProperties: false,
    properties: { password: { type: "string", minLength: MIN_PASSWORD_LENGTH, maxLength: 1000 } },
  },
} as const;

export async function createUser(em: EntityManager, by: AuditActor, input: NewUser): Promise<User> {
  // The API checks these with its JSON Schema; the command line comes straight here.
  if (input.password.length < MIN_PASSWORD_LENGTH) throw problems.passwordTooShort(MIN_PASSWORD_LENGTH);
  checkRoles(input.roles);
  await checkAreas(em, input.areas ?? []);
  const passwordHash = await hashPassword(input.password);
  return em.transactional(async (tx) => {
    if (await tx.findOne(User, { username: input.username })) throw usernameTaken(input.username);
    const user = tx.create(User, {
      id: randomUUID(),
      username: input.username,
      displayName: input.displayName ?? input.username,
      passwordHash,
      roles: input.roles,
      areas: input.areas ?? [],
      grants: input.grants ?? [],
    });
    await tx.flush();
    await recordAudit(tx, by, {
      action: "user.create",
      entityType: "user",
      entityId: user.id,
      details: { roles: user.roles, areas: user.areas, grants: user.grants },
    });
    return user;
  });
}

export async function updateUser(em: EntityManager, by: AuditActor, id: string, changes: UserChanges): Promise<User> {
  if (changes.areas) await checkAreas(em, changes.areas);
  const updated = await em.transactional(async (tx) => {
    const user = await tx.findOne(User, id);
    if (!user) throw problems.userNotFound();
    if (by.id === id && (changes.active === false || (changes.roles && !changes.roles.includes("admin") && user.roles.includes("admin")))) {
      throw problems.cannotDemoteSelf();
    }
    tx.assign(user, changes);
    await tx.flush();
    // Deactivation or a change of rights takes effect now, not when the session would have expired.
    if (changes.active === false || changes.roles || changes.areas || changes.grants) await closeSessionsOf(tx, id);
    // Revoked, not only refused while inactive: enabling the account again must not bring its machines back (#15).
    const revokedTokens =
      changes.active === false ? await tx.nativeUpdate(ApiToken, { user: id, revokedAt: null }, { revokedAt: new Date() }) : 0;
    await recordAudit(tx, by, { action: "user.update", entityType: "user", entityId: id, details: { ...changes, revokedTokens } });
    await announceCredentialChange(tx, { userId: id });
    return user;
  });
  // After commit, for the tokens too: the next request of theirs reads the user again (issue #22).
  forgetUser(id);
  return updated;
}

export async function setPassword(em: EntityManager, by: AuditActor, username: string, password: string): Promise<User> {
  if (password.length < MIN_PASSWORD_LENGTH) throw problems.passwordTooShort(MIN_PASSWORD_LENGTH);
  const passwordHash = await hashPassword(password);
  const user = await em.transactional(async (tx) => {
    const user = await tx.findOne(User, { username });
    if (!user) throw problems.userNotFound();
    user.passwordHash = passwordHash;
    await tx.flush();
    await closeSessionsOf(tx, user.id);
    await recordAudit(tx, by, { action: "user.password_reset", entityType: "user", entityId: user.id });
    return user;
  });
  forgetUser(user.id);
  return user;
}

/** Lifts every sign-in wait of the account (users screen « Déverrouiller »), audited. */
export async function unlockUser(em: EntityManager, by: AuditActor, id: string): Promise<void> {
  await em.transactional(async (tx) => {
    const user = await tx.findOne(User, id);
    if (!user) throw problems.userNotFound();
    const pairs = await unlockAccount(tx, user.username);
    await recordAudit(tx, by, { action: "user.unlock", entityType: "user", entityId: id, details: { pairs } });
  });
}

/** The API view of an account; `lockedUntil` when sign-ins from some address wait. */
export function userView(user: User, lockedUntil: Date | null = null) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles,
    areas: user.areas,
    grants: user.grants,
    active: user.active,
    createdAt: user.createdAt.toISOString(),
    lockedUntil: lockedUntil?.toISOString() ?? null,
  };
}

function checkRoles(roles: string[]): void {
  const errors: FieldError[] = roles
    .map((role, i) => ({ role, i }))
    .filter(({ role }) => !isRole(role))
    .map(({ role, i }) => ({
      pointer: `/roles/${i}`,
      code: "unknown_role",
      message: { fr: `« ${role} » n'est pas un rôle (${ROLES.join(", ")}).`, en: `"${role}" is not a role (${ROLES.join(", ")}).` },
    }));
  if (!roles.length || errors.length)
    throw problems.bodyInvalid(
      errors.length ? errors : [{ pointer: "/roles", code: "required", message: { fr: "Au moins un rôle.", en: "At least one role." } }],
    );
}

/** Areas must be codes of the administrative code lists the catalogue holds (island, prefecture, commune). */
async function checkAreas(em: EntityManager, areas: string[]): Promise<void> {
  if (!areas.length) return;
  const lists = await em.find(CatalogueCodeList, { code: { $in: Object.values(HOUSEHOLD_KEY_VARIABLES) } });
  const known = new Set(lists.flatMap((l) => l.definition.items.map((i) => i.code)));
  const errors: FieldError[] = areas
    .map((code, i) => ({ code, i }))
    .filter(({ code }) => !known.has(code))
    .map(({ code, i }) => ({
      pointer: `/areas/${i}`,
      code: "unknown_area",
      message: {
        fr: `« ${code} » n'est pas un code d'île, de préfecture ou de commune.`,
        en: `"${code}" is not an island, prefecture or commune code.`,
      },
    }));
  if (errors.length) throw problems.bodyInvalid(errors);
}

function usernameTaken(username: string): Problem {
  return new Problem(409, "username_taken", {
    fr: `L'identifiant « ${username} » est déjà utilisé.`,
    en: `Username "${username}" is already taken.`,
  });
}
