import { Hono } from "hono";
import { variableSchema } from "../../schemas/catalogue/catalogue.schema";
import type { Variable } from "../../schemas/catalogue/types";
import type { AppEnv } from "../app-env";
import { auditActor } from "../auth/actor";
import { allow } from "../middleware/authorize";
import { describeRoute } from "../openapi/describe";
import { variablePageResponse, variableUnitsResponse } from "../openapi/responses";
import { jsonBody, readJson } from "../middleware/json-body";
import {
  catalogueUnits,
  createVariable,
  searchVariables,
  updateVariable,
  variableRevisions,
  variableWithUsage,
} from "../services/catalogue-variables";
import { positiveInteger } from "./params";
import { validateBody } from "./validate-body";

export function variableRoutes() {
  return new Hono<AppEnv>()
    .get(
      "/",
      allow("catalogue:read"),
      describeRoute("Les variables du catalogue, filtrées.", "Catalogue variables, filtered.", {
        errors: ["invalidParameter"],
        response: variablePageResponse,
      }),
      async (c) => {
        const q = c.req.query();
        return c.json(
          await searchVariables(c.get("em"), {
            q: q.q,
            theme: q.theme,
            level: q.level,
            type: q.type,
            status: q.status,
            sensitivity: q.sensitivity,
            limit: positiveInteger("limit", q.limit, { max: 500, fallback: 50 }),
            offset: positiveInteger("offset", q.offset, { min: 0, max: 100_000, fallback: 0 }),
          }),
        );
      },
    )
    .get(
      "/units",
      allow("catalogue:read"),
      describeRoute(
        "Les unités d'enregistrements que les variables du catalogue décrivent, en plus des ménages et des individus (parcelles, bétail).",
        "The units of records the catalogue's variables describe besides households and individuals (plots, livestock).",
        { response: variableUnitsResponse },
      ),
      async (c) => c.json({ units: await catalogueUnits(c.get("em")) }),
    )
    .get(
      "/:code",
      allow("catalogue:read"),
      describeRoute("Une variable et les versions qui l'utilisent.", "A variable and the versions that use it.", {
        errors: ["variableNotFound"],
      }),
      async (c) => c.json(await variableWithUsage(c.get("em"), c.req.param("code"))),
    )
    .get(
      "/:code/revisions",
      allow("catalogue:read"),
      describeRoute("Les révisions d'une variable.", "A variable's revisions.", { errors: ["variableNotFound"] }),
      async (c) => c.json(await variableRevisions(c.get("em"), c.req.param("code"))),
    )
    .post(
      "/",
      allow("catalogue:write"),
      describeRoute("Crée une variable.", "Creates a variable.", { body: variableSchema, status: 201, errors: ["conflict"] }),
      jsonBody(),
      async (c) => {
        const input = validateBody<Variable>(variableSchema, await readJson(c));
        return c.json(await createVariable(c.get("em"), auditActor(c.get("actor"), c.get("address")), input), 201);
      },
    )
    .put(
      "/:code",
      allow("catalogue:write"),
      describeRoute("Modifie une variable.", "Changes a variable.", {
        body: variableSchema,
        errors: ["variableNotFound", "variableInUse"],
      }),
      jsonBody(),
      async (c) => {
        const input = validateBody<Variable>(variableSchema, await readJson(c));
        return c.json(await updateVariable(c.get("em"), auditActor(c.get("actor"), c.get("address")), c.req.param("code"), input));
      },
    );
}
