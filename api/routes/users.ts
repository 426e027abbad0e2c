import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { auditActor } from "../auth/actor";
import { User } from "../entities";
import { allow } from "../middleware/authorize";
import { describeRoute } from "../openapi/describe";
import { jsonBody, readJson } from "../middleware/json-body";
import { problems } from "../problems";
import { lockedAccounts } from "../auth/login-throttle";
import { createUser, setPassword, unlockUser, updateUser, userSchemas, userView, type NewUser, type UserChanges } from "../services/users";
import { uuid } from "./params";
import { validateBody } from "./validate-body";

export function userRoutes() {
  return new Hono<AppEnv>()
    .get("/", allow("users:manage"), describeRoute("Les comptes.", "User accounts."), async (c) => {
      const users = await c.get("em").find(User, {}, { orderBy: { username: "asc" } });
      const locked = await lockedAccounts(c.get("em"));
      return c.json(users.map((user) => userView(user, locked.get(user.username) ?? null)));
    })
    .post(
      "/",
      allow("users:manage"),
      describeRoute("Crée un compte.", "Creates an account.", {
        body: userSchemas.create,
        status: 201,
        errors: ["passwordTooShort", "conflict"],
      }),
      jsonBody(),
      async (c) => {
        const input = validateBody<NewUser>(userSchemas.create, await readJson(c));
        const user = await createUser(c.get("em"), auditActor(c.get("actor"), c.get("address")), input);
        return c.json(userView(user), 201);
      },
    )
    .patch(
      "/:id",
      allow("users:manage"),
      describeRoute("Modifie un compte (rôles, zones, autorisations, actif).", "Changes an account (roles, areas, grants, active).", {
        body: userSchemas.update,
        errors: ["userNotFound", "cannotDemoteSelf", "invalidParameter"],
      }),
      jsonBody(),
      async (c) => {
        const changes = validateBody<UserChanges>(userSchemas.update, await readJson(c));
        const user = await updateUser(c.get("em"), auditActor(c.get("actor"), c.get("address")), uuid("id", c.req.param("id")), changes);
        return c.json(userView(user));
      },
    )
    .post(
      "/:id/password",
      allow("users:manage"),
      describeRoute("Change le mot de passe d'un compte.", "Sets an account's password.", {
        body: userSchemas.password,
        status: 204,
        errors: ["userNotFound", "passwordTooShort", "invalidParameter"],
      }),
      jsonBody(),
      async (c) => {
        const { password } = validateBody<{ password: string }>(userSchemas.password, await readJson(c));
        const em = c.get("em");
        const user = await em.findOne(User, uuid("id", c.req.param("id")));
        if (!user) throw problems.userNotFound();
        await setPassword(em, auditActor(c.get("actor"), c.get("address")), user.username, password);
        return c.body(null, 204);
      },
    )
    .post(
      "/:id/unlock",
      allow("users:manage"),
      describeRoute("Débloque un compte après trop d'échecs de connexion.", "Unlocks an account after too many failed sign-ins.", {
        status: 204,
        errors: ["userNotFound", "invalidParameter"],
      }),
      async (c) => {
        await unlockUser(c.get("em"), auditActor(c.get("actor"), c.get("address")), uuid("id", c.req.param("id")));
        return c.body(null, 204);
      },
    );
}
