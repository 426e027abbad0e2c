import { Hono } from "hono";
import { REVIEW_KINDS, type ReviewDecisionRequest, type ReviewStatus } from "../../schemas/contracts/review";
import type { AppDeps, AppEnv } from "../app-env";
import { allow } from "../middleware/authorize";
import { describeRoute } from "../openapi/describe";
import { jsonBody, readJson } from "../middleware/json-body";
import { decideReviewItem, reviewDecisionSchema } from "../registry/review/review-decision";
import { findReviewItem, listReviewItems, reviewItemDetail } from "../registry/review/review-items";
import { redactorFor } from "../services/redaction";
import { scopesFor } from "../auth/actor";
import { oneOf, positiveInteger, uuid } from "./params";
import { validateBody } from "./validate-body";

const STATUSES: ReviewStatus[] = ["open", "later", "decided"];

/** The supervisors' review queue (issue #6). */
export function reviewItemRoutes({ config }: AppDeps) {
  return new Hono<AppEnv>()
    .get(
      "/",
      allow("review:decide"),
      describeRoute("Les éléments à vérifier de ses zones.", "Review items of one's areas.", { errors: ["invalidParameter"] }),
      async (c) => {
        const page = await listReviewItems(
          c.get("em"),
          {
            status: oneOf("status", c.req.query("status"), STATUSES),
            kind: oneOf("kind", c.req.query("kind"), REVIEW_KINDS),
            limit: positiveInteger("limit", c.req.query("limit"), { max: 500, fallback: 50 }),
            offset: positiveInteger("offset", c.req.query("offset"), { min: 0, max: 10_000_000, fallback: 0 }),
          },
          c.get("actor")!,
        );
        return c.json(page);
      },
    )
    .get(
      "/:id",
      allow("review:decide"),
      describeRoute("Un élément à vérifier et ce qu'il compare.", "A review item and what it compares.", {
        errors: ["reviewItemNotFound", "outsideArea", "invalidParameter"],
      }),
      async (c) => {
        const item = await findReviewItem(c.get("em"), uuid("id", c.req.param("id")), c.get("actor")!);
        return c.json(
          await reviewItemDetail(c.get("em"), item, await redactorFor(c.get("em"), scopesFor(c.get("actor")!, "review:decide"))),
        );
      },
    )
    .post(
      "/:id/decision",
      allow("review:decide"),
      describeRoute("Tranche un élément à vérifier (fusion, nouveau, rejet…).", "Decides a review item (merge, new, reject…).", {
        body: reviewDecisionSchema,
        errors: [
          "reviewItemNotFound",
          "reviewItemDecided",
          "mergeConflicts",
          "householdMovedOn",
          "ninHeld",
          "outsideArea",
          "invalidParameter",
        ],
      }),
      jsonBody(),
      async (c) => {
        const request = validateBody<ReviewDecisionRequest>(reviewDecisionSchema, await readJson(c));
        const id = uuid("id", c.req.param("id"));
        return c.json(await decideReviewItem(c.get("em"), id, request, c.get("actor")!, c.get("address"), config.matchThresholds));
      },
    );
}
