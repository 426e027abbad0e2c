import { codeListSchema, variableSchema } from "../../schemas/catalogue/catalogue.schema";
import { AREA_LEVELS, INDICATOR_BREAKDOWNS } from "../../schemas/contracts/dashboards";
import { EXPORT_FORMATS, EXPORT_STATUSES } from "../../schemas/contracts/exports";

/**
 * JSON Schemas of the success answers partner systems read (issue #17), given to describeRoute({ response }).
 * Objects are closed (additionalProperties: false) so that a field added to an answer without its schema
 * fails test/integration/openapi-responses.test.ts instead of going undocumented.
 */
const closed = (properties: Record<string, object>, optional: string[] = []) => ({
  type: "object",
  additionalProperties: false,
  required: Object.keys(properties).filter((name) => !optional.includes(name)),
  properties,
});
const nullable = (schema: { type: string } & Record<string, unknown>) => ({ ...schema, type: [schema.type, "null"] });
const list = (items: object) => ({ type: "array", items });
const text = { type: "string" } as const;
const count = { type: "integer", minimum: 0 } as const;
const instant = { type: "string", format: "date-time" } as const;
const uuid = { type: "string", format: "uuid" } as const;
const day = { type: "string", format: "date" } as const;
/** Answers keyed by catalogue variable code, already redacted for the caller; their types are the catalogue's. */
const answers = { type: "object", description: "Réponses par code de variable · answers by variable code" } as const;

export const healthResponse = closed({ status: { const: "ok" } });

export const readinessResponse = closed({
  status: { const: "ok" },
  services: closed({ postgres: { const: "ok" }, redis: { const: "ok" } }),
  backup: { enum: ["ok", "late", "never", "unknown"] },
});

const place = {
  island: nullable(text),
  prefecture: nullable(text),
  commune: nullable(text),
  village: nullable(text),
  /** null when the caller's roles may not read names. */
  headName: nullable(text),
};

export const householdPageResponse = closed({
  total: count,
  items: list(closed({ id: uuid, ...place, memberCount: count, createdAt: instant })),
});

const member = closed({
  id: uuid,
  lineNumber: { type: "integer", minimum: 1 },
  firstName: nullable(text),
  lastName: nullable(text),
  sex: nullable(text),
  birthDate: nullable(day),
  nin: nullable(text),
  relationToHead: nullable(text),
  attributes: answers,
});

export const householdResponse = closed({
  id: uuid,
  ...place,
  attributes: answers,
  sourceSubmissionId: nullable(uuid),
  createdAt: instant,
  updatedAt: instant,
  withdrawnAt: { ...nullable(instant), description: "Retiré du registre (import défait) · withdrawn (import undone)" },
  members: list(member),
  version: { type: "integer", minimum: 1 },
});

export const householdChangesResponse = closed({
  items: list(householdResponse),
  cursor: { ...text, description: "À renvoyer tel quel · send back as is" },
  more: { type: "boolean" },
});

/**
 * A household's versions, oldest first (issue #6), with what names their provenance to a reader: the
 * submission's day, the import's file, the review item's day (issue #21).
 */
export const householdHistoryResponse = closed({
  householdId: uuid,
  versions: list(
    closed({
      version: { type: "integer", minimum: 1 },
      at: instant,
      by: nullable(uuid),
      byName: { ...nullable(text), description: "Nom affiché, sinon identifiant de connexion · display name, else username" },
      submissionId: nullable(uuid),
      submittedAt: nullable(instant),
      formId: nullable(text),
      formVersion: nullable({ type: "integer" }),
      reviewItemId: nullable(uuid),
      reviewOpenedAt: nullable(instant),
      decision: { enum: ["same", "different", "later", null] },
      comment: nullable(text),
      imported: {
        oneOf: [
          { type: "null" },
          closed({
            importId: uuid,
            files: list(
              closed({
                role: { enum: ["households", "individuals"] },
                name: text,
                lines: {
                  ...list({ type: "integer" }),
                  description: "Lignes du fichier d'où vient le ménage · the household's lines in this file",
                },
              }),
            ),
            profileName: nullable(text),
          }),
        ],
      },
      action: text,
      changes: list(closed({ path: text, before: {}, after: {} }, ["before", "after"])),
      people: { type: "object", additionalProperties: nullable(text), description: "Nom par identifiant de personne · name by person id" },
    }),
  ),
});

const sexBand = closed({ band: { type: "integer", minimum: 0, maximum: 80 }, sex: nullable(text), individuals: nullable(count) });

export const dashboardResponse = closed({
  level: { enum: [...AREA_LEVELS] },
  area: nullable(text),
  childLevel: { enum: ["island", "prefecture", "commune", "village"] },
  days: { type: "integer", minimum: 1 },
  households: count,
  individuals: count,
  byArea: list(closed({ code: nullable(text), households: count, individuals: count })),
  householdSizes: list(closed({ size: count, households: count })),
  pyramid: list(sexBand),
  pyramidMinCell: nullable({ type: "integer", minimum: 2 }),
  submissionsPerDay: list(closed({ day, submissions: count })),
  integration: closed({
    pending: count,
    integrated: count,
    lagSeconds: closed({ p50: nullable({ type: "number" }), p95: nullable({ type: "number" }), max: nullable({ type: "number" }) }),
  }),
  review: list(closed({ kind: text, open: count })),
});

export const indicatorResponse = closed({
  variable: text,
  breakdown: { enum: [...INDICATOR_BREAKDOWNS] },
  counts: list(closed({ group: nullable(text), value: nullable(text), count })),
  summary: list(
    closed({
      group: nullable(text),
      answered: count,
      mean: nullable({ type: "number" }),
      min: nullable({ type: "number" }),
      max: nullable({ type: "number" }),
    }),
  ),
});

export const exportResponse = closed({
  id: uuid,
  status: { enum: [...EXPORT_STATUSES] },
  format: { enum: [...EXPORT_FORMATS] },
  filters: { type: "object", required: ["asOf"], properties: { asOf: instant } },
  requestedAt: instant,
  progress: closed({ done: count, total: nullable(count) }),
  households: nullable(count),
  individuals: nullable(count),
  checksum: nullable({ type: "string", pattern: "^[0-9a-f]{64}$" }),
  bytes: nullable(count),
  finishedAt: nullable(instant),
  expiresAt: nullable(instant),
  error: nullable(text),
});
export const exportListResponse = list(exportResponse);

const tokenProperties = {
  id: uuid,
  userId: uuid,
  name: text,
  role: nullable(text),
  createdAt: instant,
  expiresAt: nullable(instant),
  revokedAt: nullable(instant),
  lastUsedAt: nullable(instant),
};
export const tokenResponse = closed(tokenProperties);
export const tokenListResponse = list(tokenResponse);
/** The only answer that holds the secret, once. */
export const createdTokenResponse = closed({ ...tokenProperties, token: text });

/** The catalogue as partners decode the registry's codes with it: each item in the very schema a write of it is checked with. */
export const variablePageResponse = closed({ total: count, items: list(variableSchema) });
export const variableUnitsResponse = closed({ units: list({ type: "string", pattern: "^[a-z][a-z0-9_]*$" }) });
export const codeListsResponse = list(codeListSchema);

export const openApiResponse = {
  type: "object",
  required: ["openapi", "info", "paths"],
  properties: { openapi: { const: "3.1.0" } },
};
