/**
 * JSON Schema of the envelope of POST /api/submissions. The answers (`data`) are checked separately,
 * against the schema of the version the envelope names.
 */
export const submissionEnvelopeSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  required: ["id", "formId", "version", "data"],
  additionalProperties: false,
  properties: {
    id: { type: "string", format: "uuid" },
    formId: { type: "string", minLength: 1, maxLength: 100 },
    version: { type: "integer", minimum: 1 },
    data: { type: "object" },
    // Update flow (issue #6): both or neither.
    householdId: { type: "string", format: "uuid" },
    baseVersion: { type: "integer", minimum: 1 },
  },
  dependentRequired: { householdId: ["baseVersion"], baseVersion: ["householdId"] },
} as const;
