import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { auditActor } from "../auth/actor";
import { ApiToken } from "../entities";
import { allow } from "../middleware/authorize";
import { describeRoute } from "../openapi/describe";
import { createdTokenResponse, tokenListResponse, tokenResponse } from "../openapi/responses";
import { jsonBody, readJson } from "../middleware/json-body";
import { createApiToken, revokeApiToken, tokenSchema, tokenView } from "../services/api-tokens";
import { uuid } from "./params";
import { validateBody } from "./validate-body";

export function tokenRoutes() {
  return new Hono<AppEnv>()
    .get("/", allow("tokens:manage"), describeRoute("Les jetons d'API.", "API tokens.", { response: tokenListResponse }), async (c) => {
      const tokens = await c.get("em").find(ApiToken, {}, { orderBy: { createdAt: "desc" } });
      return c.json(tokens.map(tokenView));
    })
    .post(
      "/",
      allow("tokens:manage"),
      describeRoute(
        "Crée un jeton d'API pour un utilisateur (le secret n'est montré qu'une fois).",
        "Creates an API token for a user (the secret is shown once).",
        { body: tokenSchema, status: 201, errors: ["userNotFound", "roleNotHeld"], response: createdTokenResponse },
      ),
      jsonBody(),
      async (c) => {
        const input = validateBody<{ username: string; name: string; role?: string; expiresAt?: string }>(tokenSchema, await readJson(c));
        const { token, secret } = await createApiToken(c.get("em"), auditActor(c.get("actor"), c.get("address")), {
          ...input,
          expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
        });
        // The secret is in this answer and nowhere else, ever.
        return c.json({ ...tokenView(token), token: secret }, 201);
      },
    )
    .post(
      "/:id/revoke",
      allow("tokens:manage"),
      describeRoute("Révoque un jeton.", "Revokes a token.", { errors: ["tokenNotFound", "invalidParameter"], response: tokenResponse }),
      async (c) => {
        const token = await revokeApiToken(c.get("em"), auditActor(c.get("actor"), c.get("address")), uuid("id", c.req.param("id")));
        return c.json(tokenView(token));
      },
    );
}
