import { Hono } from "hono";
import { codeListSchema } from "../../schemas/catalogue/catalogue.schema";
import type { CodeList } from "../../schemas/catalogue/types";
import type { AppEnv } from "../app-env";
import { auditActor } from "../auth/actor";
import { allow } from "../middleware/authorize";
import { describeRoute } from "../openapi/describe";
import { codeListsResponse } from "../openapi/responses";
import { jsonBody, readJson } from "../middleware/json-body";
import { createCodeList, findCodeList, updateCodeList } from "../services/catalogue-code-lists";
import { loadCatalogue } from "../services/catalogue-store";
import { validateBody } from "./validate-body";

export function codeListRoutes() {
  return new Hono<AppEnv>()
    .get("/", allow("catalogue:read"), describeRoute("Les listes de codes.", "Code lists.", { response: codeListsResponse }), async (c) =>
      c.json((await loadCatalogue(c.get("em"))).codeLists),
    )
    .get(
      "/:code",
      allow("catalogue:read"),
      describeRoute("Une liste de codes.", "A code list.", { errors: ["codeListNotFound"] }),
      async (c) => c.json(await findCodeList(c.get("em"), c.req.param("code"))),
    )
    .post(
      "/",
      allow("catalogue:write"),
      describeRoute("Crée une liste de codes.", "Creates a code list.", { body: codeListSchema, status: 201, errors: ["conflict"] }),
      jsonBody(),
      async (c) => {
        const input = validateBody<CodeList>(codeListSchema, await readJson(c));
        return c.json(await createCodeList(c.get("em"), auditActor(c.get("actor"), c.get("address")), input), 201);
      },
    )
    .put(
      "/:code",
      allow("catalogue:write"),
      describeRoute("Modifie une liste de codes.", "Changes a code list.", {
        body: codeListSchema,
        errors: ["codeListNotFound", "codeInUse"],
      }),
      jsonBody(),
      async (c) => {
        const input = validateBody<CodeList>(codeListSchema, await readJson(c));
        return c.json(await updateCodeList(c.get("em"), auditActor(c.get("actor"), c.get("address")), c.req.param("code"), input));
      },
    );
}
