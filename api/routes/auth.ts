import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppDeps, AppEnv } from "../app-env";
import { auditActor } from "../auth/actor";
import { closeSession } from "../auth/sessions";
import { recordAudit } from "../audit/record-audit";
import { allow } from "../middleware/authorize";
import { describeRoute } from "../openapi/describe";
import { SESSION_COOKIE } from "../middleware/authenticate";
import { jsonBody, readJson } from "../middleware/json-body";
import { problems } from "../problems";
import { signIn } from "../services/sign-in";
import { validateBody } from "./validate-body";

const loginSchema = {
  type: "object",
  required: ["username", "password"],
  additionalProperties: false,
  properties: { username: { type: "string", minLength: 1, maxLength: 80 }, password: { type: "string", minLength: 1, maxLength: 1000 } },
} as const;

export function authRoutes({ config }: AppDeps) {
  return new Hono<AppEnv>()
    .post(
      "/login",
      allow("public"),
      describeRoute(
        "Ouvre une session (cookie) avec un identifiant et un mot de passe.",
        "Signs in (session cookie) with a username and password.",
        { body: loginSchema, errors: ["invalidCredentials", "tooManyAttempts"] },
      ),
      jsonBody(16 * 1024),
      async (c) => {
        const { username, password } = validateBody<{ username: string; password: string }>(loginSchema, await readJson(c));
        const { secret, user } = await signIn(c.get("em"), config, username, password, c.get("address"));
        setCookie(c, SESSION_COOKIE, secret, {
          httpOnly: true,
          sameSite: "Strict",
          secure: isHttps(c.req.url, c.req.header("x-forwarded-proto"), config.trustProxy),
          path: "/",
          maxAge: Math.floor(config.sessionMaxAgeMs / 1000),
        });
        return c.json(me(user));
      },
    )
    .post("/logout", allow("authenticated"), describeRoute("Ferme la session.", "Signs out.", { status: 204 }), async (c) => {
      const secret = getCookie(c, SESSION_COOKIE);
      const actor = c.get("actor");
      await c.get("em").transactional(async (tx) => {
        if (secret) await closeSession(tx, secret);
        await recordAudit(tx, auditActor(actor, c.get("address")), { action: "auth.logout", entityType: "user", entityId: actor?.userId });
      });
      deleteCookie(c, SESSION_COOKIE, { path: "/" });
      return c.body(null, 204);
    })
    .get(
      "/me",
      allow("authenticated"),
      describeRoute("Qui est connecté : nom, rôles, zones et autorisations.", "Who is signed in: name, roles, areas and grants."),
      async (c) => {
        const actor = c.get("actor");
        if (!actor) throw problems.unauthenticated();
        return c.json({
          id: actor.userId,
          username: actor.username,
          displayName: actor.displayName,
          roles: actor.roles,
          areas: actor.areas,
          grants: actor.grants,
          via: actor.via,
        });
      },
    );
}

function me(user: { id: string; username: string; displayName: string; roles: string[]; areas: string[]; grants: string[] }) {
  return { id: user.id, username: user.username, displayName: user.displayName, roles: user.roles, areas: user.areas, grants: user.grants };
}

function isHttps(url: string, forwardedProto: string | undefined, trustProxy: boolean): boolean {
  return new URL(url).protocol === "https:" || (trustProxy && forwardedProto === "https");
}
