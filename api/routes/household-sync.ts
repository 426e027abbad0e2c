import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { scopesFor } from "../auth/actor";
import { allow } from "../middleware/authorize";
import { describeRoute } from "../openapi/describe";
import { householdChangesResponse } from "../openapi/responses";
import { problems } from "../problems";
import { AREA_CODE } from "../../schemas/contracts/api";
import { decodeCursor, householdChanges, startPosition } from "../repositories/household-changes.repository";
import { redactorsFor } from "../services/redaction";
import { areaCode, isoDate, positiveInteger } from "./params";

const text = (fr: string, en: string) => ({ fr, en });

/**
 * Partner systems (a payment system, a programme's MIS) keep a copy of the registry in step without a full
 * export (issue #17): households changed since a date, then since their last cursor, with their members, as
 * the token's user reads them on screen.
 */
export function householdSyncRoutes() {
  return new Hono<AppEnv>().get(
    "/households",
    allow("households:read"),
    describeRoute(
      "Ménages modifiés depuis une date ou un curseur, avec leurs membres, dans l'ordre de leurs modifications.",
      "Households changed since a date or a cursor, with their members, in the order they were changed.",
      {
        query: {
          since: {
            schema: { type: "string", format: "date-time" },
            about: text("Premier appel : modifiés depuis (date ISO).", "First call: changed since (ISO date)."),
          },
          area: {
            schema: { type: "string", pattern: AREA_CODE.source },
            about: text("Île, préfecture ou commune.", "Island, prefecture or commune."),
          },
          cursor: { schema: { type: "string" }, about: text("Le curseur de la réponse précédente.", "The previous answer's cursor.") },
          limit: {
            schema: { type: "integer", minimum: 1, maximum: 500, default: 100 },
            about: text("Ménages par page.", "Households per page."),
          },
        },
        errors: ["invalidCursor", "cursorWithFilters", "invalidParameter"],
        response: householdChangesResponse,
      },
    ),
    async (c) => {
      const cursor = c.req.query("cursor");
      const since = c.req.query("since");
      const area = c.req.query("area");
      if (cursor !== undefined && (since !== undefined || area !== undefined)) throw problems.cursorWithFilters();
      const position =
        cursor !== undefined
          ? decodeCursor(cursor)
          : startPosition(since ? isoDate("since", since, "start") : null, areaCode("area", area));
      const scopes = scopesFor(c.get("actor")!, "households:read");
      const limit = positiveInteger("limit", c.req.query("limit"), { max: 500, fallback: 100 });
      return c.json(await householdChanges(c.get("em"), position, scopes, await redactorsFor(c.get("em"), scopes), limit));
    },
  );
}
