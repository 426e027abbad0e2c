import type { RouterRoute } from "hono/types";
import { PERMISSIONS, type Permission } from "../auth/permissions";
import { ROLES } from "../auth/roles";
import { SESSION_COOKIE } from "../middleware/authenticate";
import { importProblems } from "../imports/import-problems";
import { problems } from "../problems";
import type { ProblemName, RouteDoc } from "./describe";

/** One route of Hono's route table with what its middleware declare. */
export interface DeclaredRoute {
  method: string;
  path: string;
  permission?: Permission;
  doc?: RouteDoc;
  jsonBody?: { maxBytes: number };
}

/** Groups Hono's route table (one entry per handler) into routes; app-wide middleware (ALL) are not routes. */
export function declaredRoutes(table: readonly RouterRoute[]): DeclaredRoute[] {
  const routes = new Map<string, DeclaredRoute>();
  for (const { method, path, handler } of table) {
    if (method === "ALL") continue;
    const key = `${method} ${path}`;
    const route = routes.get(key) ?? { method, path };
    Object.assign(route, pick(handler as Partial<Pick<DeclaredRoute, "permission" | "doc" | "jsonBody">>));
    routes.set(key, route);
  }
  return [...routes.values()];
}

function pick({ permission, doc, jsonBody }: Partial<Pick<DeclaredRoute, "permission" | "doc" | "jsonBody">>) {
  return { ...(permission && { permission }), ...(doc && { doc }), ...(jsonBody && { jsonBody }) };
}

/** Routes without describeRoute(), as "METHOD /path": the coverage test lists them by name. */
export function undescribedRoutes(table: readonly RouterRoute[]): string[] {
  return declaredRoutes(table)
    .filter((route) => !route.doc)
    .map((route) => `${route.method} ${route.path}`);
}

/** Who may call a route with this permission: "anyone", or the roles (any signed-in user holds one). */
export function rolesOf(permission: Permission): readonly string[] | "anyone" {
  const rule = PERMISSIONS[permission];
  if (rule === "anyone") return "anyone";
  return rule === "signed-in" ? ROLES : rule;
}

/** The problems a route may answer: its own, then those its middleware throw (authentication, roles, bodies). */
export function problemsOf(route: DeclaredRoute): ProblemName[] {
  const names = new Set<ProblemName>(route.doc?.errors ?? []);
  if (route.path.startsWith("/api/")) names.add("malformedText");
  if (route.permission && route.permission !== "public") names.add("unauthenticated").add("forbidden");
  if (route.path.startsWith("/api/") && route.method !== "GET") names.add("crossSiteRefused");
  if (route.jsonBody) {
    for (const name of ["malformedJson", "jsonTooComplex", "payloadTooLarge", "unsupportedMediaType"] as const) names.add(name);
  }
  if (route.doc?.body) names.add("bodyInvalid");
  return [...names];
}

/**
 * Status and code of every problem of the catalogue. The factories take arguments only for their messages
 * and details; a stand-in that is every value at once (a list, a number, a text) lets each build its problem.
 */
const PROBLEMS: ReadonlyMap<ProblemName, { status: number; code: string }> = (() => {
  const anything: unknown = new Proxy(() => anything, {
    get: (_target, key) => (key === Symbol.toPrimitive ? () => 0 : anything),
    apply: () => anything,
  });
  return new Map(
    Object.entries({ ...problems, ...importProblems }).map(([name, make]) => {
      const problem = (make as (...args: unknown[]) => { status: number; code: string })(anything, anything, anything);
      return [name as ProblemName, { status: problem.status, code: problem.code }];
    }),
  );
})();

export function problemShape(name: ProblemName): { status: number; code: string } {
  return PROBLEMS.get(name)!;
}

/** `/api/forms/:id/versions/:version` → `/api/forms/{id}/versions/{version}`; `/*` stays (any file). */
export function openApiPath(path: string): string {
  return path.replace(/:(\w+)(\{[^}]*\})?/g, "{$1}");
}

const PROBLEM_REF = { $ref: "#/components/schemas/Problem" };
const fr = (text: { fr: string; en: string }) => `${text.fr}\n\n${text.en}`;

interface Parameter {
  name: string;
  in: "path" | "query";
  required: boolean;
  description?: string;
  schema: object;
}
interface Response {
  description: string;
  content?: Record<string, { schema: object }>;
  "x-rsu-codes"?: string[];
}
export interface OpenApiOperation {
  operationId: string;
  tags: string[];
  summary: string;
  description: string;
  "x-rsu-permission"?: Permission;
  "x-rsu-roles": readonly string[] | "anyone";
  "x-rsu-errors": string[];
  security: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { required: boolean; content: Record<string, { schema: object }> };
  responses: Record<string, Response>;
}

function operation(route: DeclaredRoute): OpenApiOperation {
  const doc = route.doc!;
  const roles = route.permission ? rolesOf(route.permission) : [];
  const errors = problemsOf(route).map(problemShape);
  const byStatus = new Map<number, string[]>();
  for (const { status, code } of errors) byStatus.set(status, [...new Set([...(byStatus.get(status) ?? []), code])]);
  const pathParameters = [...route.path.matchAll(/:(\w+)/g)].map(
    ([, name]): Parameter => ({ name: name!, in: "path", required: true, schema: { type: "string" } }),
  );
  const queryParameters = Object.entries(doc.query ?? {}).map(
    ([name, q]): Parameter => ({
      name,
      in: "query",
      required: q.required ?? false,
      description: fr(q.about),
      schema: q.schema,
    }),
  );
  const status = doc.status ?? 200;
  const mediaType = doc.mediaType ?? "application/json";
  return {
    operationId: `${route.method.toLowerCase()}${openApiPath(route.path).replace(/[^A-Za-z0-9]+(.)?/g, (_, ch: string | undefined) => (ch ?? "").toUpperCase())}`,
    tags: [tagOf(route.path)],
    summary: doc.summary.fr,
    description: `${doc.summary.en}\n\nRôles · Roles: ${roles === "anyone" ? "tous, même anonymes · anyone" : roles.join(", ")}`,
    "x-rsu-permission": route.permission,
    "x-rsu-roles": roles,
    "x-rsu-errors": errors.map((e) => e.code),
    security: route.permission === "public" ? [] : [{ bearerToken: [] }, { sessionCookie: [] }],
    ...(pathParameters.length + queryParameters.length ? { parameters: [...pathParameters, ...queryParameters] } : {}),
    ...(route.jsonBody
      ? { requestBody: { required: true, content: { "application/json": { schema: doc.body ?? { type: "object" } } } } }
      : {}),
    responses: {
      [status]: {
        description: doc.summary.en,
        ...(status === 204 ? {} : { content: { [mediaType]: { schema: doc.response ?? {} } } }),
      },
      ...Object.fromEntries(
        [...byStatus].map(([s, codes]) => [
          s,
          { description: codes.join(", "), "x-rsu-codes": codes, content: { "application/json": { schema: PROBLEM_REF } } },
        ]),
      ),
    },
  };
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>;

/** `/api/catalogue/releases/:id` → "catalogue"; `/healthz` → "service". */
function tagOf(path: string): string {
  const [first, second] = path.split("/").filter(Boolean);
  return first === "api" && second ? second : "service";
}

/**
 * The OpenAPI 3.1 document of the routes as registered: their permissions from allow(), bodies from
 * jsonBody(), everything else from describeRoute() next to each route. Undescribed routes are left out
 * (the coverage test names them).
 */
export function openApiDocument(table: readonly RouterRoute[], version: string) {
  const paths: Record<string, Record<string, OpenApiOperation>> = {};
  for (const route of declaredRoutes(table)) {
    if (!route.doc) continue;
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(route) };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "rsu — registre social unique",
      version,
      description:
        "API du registre social unique. Chaque erreur répond { error: { code, message: { fr, en }, details } } avec un code stable.\n\n" +
        "API of the unique social registry. Every error answers { error: { code, message: { fr, en }, details } } with a stable code.",
    },
    servers: [{ url: "/" }],
    components: {
      securitySchemes: {
        bearerToken: { type: "http", scheme: "bearer", description: "rsu token create <user> (README: partner systems)" },
        sessionCookie: { type: "apiKey", in: "cookie", name: SESSION_COOKIE },
      },
      schemas: {
        Problem: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: {
                code: { type: "string" },
                message: { type: "object", required: ["fr", "en"], properties: { fr: { type: "string" }, en: { type: "string" } } },
                details: {},
              },
            },
          },
        },
      },
    },
    paths,
  };
}
