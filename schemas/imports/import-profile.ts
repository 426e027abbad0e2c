/**
 * A mapping profile (issue #19): how one partner's files become answers to a published mask, saved so the
 * next delivery of the same source is mapped the same way. Rows are then checked by that version's own
 * schema, exactly as a clerk's submission.
 */
export const DATE_FORMATS = ["YYYY-MM-DD", "DD/MM/YYYY", "MM/DD/YYYY", "DD-MM-YYYY", "DD.MM.YYYY", "YYYYMMDD"] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/** One file of households with members on its rows, or a households file and an individuals file. */
export type ImportLayout = "one_file" | "two_files";

export interface ColumnMapping {
  /** The source column, as the file's header names it. */
  column: string;
  /** The catalogue variable (question name) it answers. */
  variable: string;
  /** Source value → code of the variable's list ("Grande Comore" → "1"); unlisted values are matched to codes, then labels. */
  values?: Record<string, string>;
  /** For dates not written as YYYY-MM-DD. */
  dateFormat?: DateFormat;
  /** Unit conversion for numbers: the value is multiplied by it (ares → hectares: 0.01). */
  factor?: number;
}

export interface ImportProfileBody {
  name: string;
  /** The partner's source, part of every row's deterministic id: "recensement-2019", "programme-filets". */
  source: string;
  formId: string;
  version: number;
  layout: ImportLayout;
  /** Column naming the household (in the households file, or the one file). */
  householdKey: string;
  /** Column of the individuals file naming the member's household (two files; the same name when absent). */
  memberHouseholdKey?: string;
  /** Column naming an individual in the source, when it has one: a repeated value is refused. */
  memberKey?: string;
  columns: ColumnMapping[];
  /** Answers given to every household or member of the import (the source programme, a survey round). */
  constants?: Record<string, string | number | boolean>;
}

export interface ImportProfile extends ImportProfileBody {
  id: string;
  createdAt: string;
  updatedAt: string;
}

const text = (maxLength: number) => ({ type: "string", minLength: 1, maxLength });

/** The shape of a profile as the API accepts it; catalogue checks follow (profileErrors). */
export const importProfileSchema = {
  type: "object",
  additionalProperties: false,
  required: ["name", "source", "formId", "version", "layout", "householdKey", "columns"],
  properties: {
    name: text(200),
    source: { type: "string", pattern: "^[a-z0-9][a-z0-9_-]{0,63}$" },
    formId: text(100),
    version: { type: "integer", minimum: 1 },
    layout: { enum: ["one_file", "two_files"] },
    householdKey: text(200),
    memberHouseholdKey: text(200),
    memberKey: text(200),
    columns: {
      type: "array",
      maxItems: 1000,
      items: {
        type: "object",
        additionalProperties: false,
        required: ["column", "variable"],
        properties: {
          column: text(200),
          variable: text(100),
          values: { type: "object", maxProperties: 5000, additionalProperties: { type: "string", maxLength: 100 } },
          dateFormat: { enum: DATE_FORMATS },
          factor: { type: "number", exclusiveMinimum: 0 },
        },
      },
    },
    constants: {
      type: "object",
      maxProperties: 200,
      additionalProperties: { type: ["string", "number", "boolean"] },
    },
  },
} as const;
