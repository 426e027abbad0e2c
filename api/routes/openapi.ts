import { Hono } from "hono";
import packageJson from "../../package.json";
import type { RouterRoute } from "hono/types";
import type { AppEnv } from "../app-env";
import { allow } from "../middleware/authorize";
import { describeRoute } from "../openapi/describe";
import { openApiResponse } from "../openapi/responses";
import { openApiDocument } from "../openapi/document";
import { referencePage } from "../openapi/reference-page";

/**
 * The API contract for partner systems (issue #17), built once from the app's own route table: what is
 * served is what is registered. Public like the routes' names; the data behind them is not.
 */
export function openApiRoutes(routeTable: () => readonly RouterRoute[]) {
  let document: ReturnType<typeof openApiDocument> | undefined;
  const current = () => (document ??= openApiDocument(routeTable(), packageJson.version));
  return new Hono<AppEnv>()
    .get(
      "/openapi.json",
      allow("public"),
      describeRoute("Ce document OpenAPI 3.1.", "This OpenAPI 3.1 document.", { response: openApiResponse }),
      (c) => c.json(current()),
    )
    .get(
      "/reference",
      allow("public"),
      describeRoute("La référence de l'API, lisible dans un navigateur.", "The API reference, to read in a browser.", {
        mediaType: "text/html",
      }),
      (c) => c.html(referencePage(current())),
    );
}
