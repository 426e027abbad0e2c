import type { MiddlewareHandler } from "hono";
import type { Message } from "../../schemas/contracts/api";
import type { AppEnv } from "../app-env";
import type { importProblems } from "../imports/import-problems";
import type { problems } from "../problems";

/** A problem of the catalogue (api/problems.ts) or of bulk import's own (api/imports/import-problems.ts), by its factory's name: a typo fails to compile. */
export type ProblemName = keyof typeof problems | keyof typeof importProblems;

/** A query parameter: its JSON Schema, and what it means in French and English. */
export interface QueryParameter {
  schema: object;
  about: Message;
  required?: boolean;
}

/** What a route tells partner systems about itself, next to the route (issue #17). */
export interface RouteDoc {
  summary: Message;
  /** The problems the route itself throws; those of authentication, roles and JSON bodies are added from its middleware. */
  errors?: ProblemName[];
  query?: Record<string, QueryParameter>;
  /** The JSON Schema the route validates its body with (the same object it passes to validateBody). */
  body?: object;
  /** The JSON Schema of the success answer, when there is one worth stating. */
  response?: object;
  /** The success status (200 unless said) and its media type (JSON unless said). */
  status?: number;
  mediaType?: string;
}

export type DescribedRoute = MiddlewareHandler<AppEnv> & { doc: RouteDoc };

/**
 * Describes a route for the OpenAPI document, French then English, next to it:
 * `.get("/x", allow("…"), describeRoute("Fait ceci.", "Does this.", { errors: ["householdNotFound"] }), handler)`,
 * or with the whole description at once, `describeRoute({ summary: { fr, en }, … })`.
 * It does nothing at run time; test/integration/partner-api.test.ts fails for any route without one.
 */
export function describeRoute(doc: RouteDoc): DescribedRoute;
export function describeRoute(fr: string, en: string, more?: Omit<RouteDoc, "summary">): DescribedRoute;
export function describeRoute(first: RouteDoc | string, en?: string, more: Omit<RouteDoc, "summary"> = {}): DescribedRoute {
  const doc = typeof first === "string" ? { summary: { fr: first, en: en! }, ...more } : first;
  const passThrough: MiddlewareHandler<AppEnv> = async function describeRoute(_c, next) {
    await next();
  };
  return Object.assign(passThrough, { doc });
}
