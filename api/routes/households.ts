import { Hono, type Context } from "hono";
import { MEMBERS_ROSTER } from "../../schemas/contracts/registry";
import type { AppEnv } from "../app-env";
import type { Household } from "../entities";
import { scopesCovering, scopesFor, type RoleScope } from "../auth/actor";
import type { Permission } from "../auth/permissions";
import { allow } from "../middleware/authorize";
import { describeRoute } from "../openapi/describe";
import { householdHistoryResponse, householdPageResponse, householdResponse } from "../openapi/responses";
import { problems } from "../problems";
import { householdAttachment } from "../repositories/attachments.repository";
import { fileResponse } from "./file-response";
import { findHousehold, householdWithMembers, listHouseholds, pastHousehold } from "../repositories/households.repository";
import { householdAnswers } from "../services/form-answers";
import { householdHistory, householdStateAt } from "../registry/households/household-history";
import { redactorFor, redactorsFor, type Redactor } from "../services/redaction";
import { isoDate, positiveInteger, uuid } from "./params";

export function householdRoutes() {
  return (
    new Hono<AppEnv>()
      .get(
        "/",
        allow("households:read"),
        describeRoute("Les ménages visibles, par commune ou nom du chef.", "Visible households, by commune or head's name.", {
          errors: ["invalidParameter"],
          response: householdPageResponse,
        }),
        async (c) => {
          const scopes = scopesFor(c.get("actor")!, "households:read");
          const result = await listHouseholds(
            c.get("em"),
            {
              commune: c.req.query("commune") || undefined,
              q: c.req.query("q") || undefined,
              scopes,
              limit: positiveInteger("limit", c.req.query("limit"), { max: 500, fallback: 50 }),
              offset: positiveInteger("offset", c.req.query("offset"), { min: 0, max: 10_000_000, fallback: 0 }),
            },
            await redactorsFor(c.get("em"), scopes),
          );
          return c.json(result);
        },
      )
      .get(
        "/:id",
        allow("households:read"),
        describeRoute("Un ménage et ses membres, aujourd'hui ou à une date (at).", "A household and its members, now or at a date (at).", {
          errors: ["householdNotFound", "outsideArea", "invalidParameter"],
          response: householdResponse,
        }),
        async (c) => {
          const { household, covering } = await visibleHousehold(c, "households:read");
          const redactor = await redactorFor(c.get("em"), covering);
          const at = c.req.query("at");
          if (at !== undefined) {
            // The state at a past date (issue #6), from the version recorded by then.
            const past = await householdStateAt(c.get("em"), household.id, isoDate("at", at));
            if (!past) throw problems.householdNotFound();
            return c.json(pastHousehold(household, past, redactor));
          }
          return c.json(await householdWithMembers(c.get("em"), household, redactor));
        },
      )
      // What an update starts from (the runtime's « Mettre à jour »): for those who submit, in their areas.
      .get(
        "/:id/answers",
        allow("submissions:create"),
        describeRoute(
          "Les réponses actuelles d'un ménage, point de départ d'une mise à jour.",
          "A household's current answers, where an update starts.",
          { errors: ["householdNotFound", "outsideArea", "invalidParameter"] },
        ),
        async (c) => {
          const { household, covering } = await visibleHousehold(c, "submissions:create");
          const answers = await householdAnswers(c.get("em"), household);
          // The same reading rights as the household itself. Hiding an answer is no option here: the update
          // sent back without it would erase it from the registry, so whoever may not read them all may not update.
          if (hidesAny(answers.data, await redactorFor(c.get("em"), covering))) throw problems.forbidden();
          return c.json(answers);
        },
      )
      // A file, photo or signature answered for the household (issue #20), to whoever may read that answer.
      .get(
        "/:id/attachments/:attachment",
        allow("households:read"),
        describeRoute(
          "Un fichier, une photo ou une signature du ménage, pour qui peut lire la réponse.",
          "A file, photo or signature of the household, for whoever may read that answer.",
          {
            mediaType: "application/octet-stream",
            errors: ["householdNotFound", "outsideArea", "forbidden", "attachmentNotFound", "invalidParameter"],
          },
        ),
        async (c) => {
          const { household, covering } = await visibleHousehold(c, "households:read");
          const file = await householdAttachment(c.get("em"), household.id, uuid("attachment", c.req.param("attachment")));
          if (!file) throw problems.attachmentNotFound();
          if (!(await redactorFor(c.get("em"), covering)).may(file.variable)) throw problems.forbidden();
          return fileResponse(c, file);
        },
      )
      .get(
        "/:id/history",
        allow("households:read"),
        describeRoute("L'historique des versions d'un ménage.", "A household's version history.", {
          errors: ["householdNotFound", "outsideArea", "invalidParameter"],
          response: householdHistoryResponse,
        }),
        async (c) => {
          const { household, covering } = await visibleHousehold(c, "households:read");
          return c.json(await householdHistory(c.get("em"), household.id, await redactorFor(c.get("em"), covering)));
        },
      )
  );
}

/** The household named in the path and the caller's roles that reach it with the permission (none: outside their areas). */
async function visibleHousehold(c: Context<AppEnv>, permission: Permission): Promise<{ household: Household; covering: RoleScope[] }> {
  const household = await findHousehold(c.get("em"), uuid("id", c.req.param("id")!));
  if (!household) throw problems.householdNotFound();
  const covering = scopesCovering(c.get("actor")!, permission, household);
  if (!covering.length) throw problems.outsideArea();
  return { household, covering };
}

function hidesAny(data: Record<string, unknown>, redactor: Redactor): boolean {
  const { [MEMBERS_ROSTER]: roster, ...household } = data;
  const members = Array.isArray(roster) ? (roster as Record<string, unknown>[]) : [];
  return [household, ...members].some((answers) => Object.keys(answers ?? {}).some((code) => !redactor.may(code)));
}
