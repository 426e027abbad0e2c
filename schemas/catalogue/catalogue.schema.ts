import { VARIABLE_TYPES } from "./types";

/**
 * The shape of a catalogue variable and of a code list, as JSON Schema 2020-12: the API checks bodies
 * with it, and later the import. Rules across fields and across the catalogue are in checks.ts: a schema
 * says what one object looks like, not whether it fits with the others.
 */
const CODE = { type: "string", minLength: 1, maxLength: 63 } as const;

const labels = {
  type: "object",
  required: ["fr"],
  minProperties: 1,
  propertyNames: { pattern: "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$" },
  additionalProperties: { type: "string", maxLength: 2000 },
} as const;

export const variableSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  required: ["code", "level", "type", "label"],
  additionalProperties: false,
  properties: {
    code: CODE,
    // household, individual, or the code of a unit of records the household holds (plots, livestock).
    level: { type: "string", pattern: "^[a-z][a-z0-9_]*$", maxLength: 20 },
    type: { enum: [...VARIABLE_TYPES] },
    label: labels,
    description: labels,
    universe: labels,
    unit: { type: "string", maxLength: 100 },
    theme: { type: "string", maxLength: 100 },
    constraints: {
      type: "object",
      additionalProperties: false,
      properties: {
        min: { type: "number" },
        max: { type: "number" },
        pattern: { type: "string", maxLength: 500 },
        maxLength: { type: "integer", minimum: 1 },
        maxSelected: { type: "integer", minimum: 1 },
        decimals: { type: "integer", minimum: 0, maximum: 10 },
      },
    },
    codeList: CODE,
    sensitivity: { enum: ["public", "internal", "personal", "sensitive"] },
    status: { enum: ["draft", "active", "deprecated"] },
    notes: { type: "string", maxLength: 10000 },
  },
} as const;

export const codeListSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  required: ["code", "label", "items"],
  additionalProperties: false,
  properties: {
    code: CODE,
    label: labels,
    parentList: CODE,
    items: {
      type: "array",
      maxItems: 5000,
      items: {
        type: "object",
        required: ["code", "label"],
        additionalProperties: false,
        properties: {
          code: { type: "string", minLength: 1, maxLength: 63 },
          label: labels,
          parent: { type: "string", minLength: 1, maxLength: 63 },
        },
      },
    },
  },
} as const;
