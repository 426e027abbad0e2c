/**
 * The catalogue: the registry's contract (DESIGN.md, "variables are the contract").
 * A question collects data only by being bound to a variable: question `name` = variable `code`.
 */

/** Labels keyed by language tag. French is required; any other language the country needs may follow. */
export type Labels = { fr: string } & Partial<Record<string, string>>;

/**
 * Unit of observation: asked once per household, once per member of the household's roster
 * (`individual`), or once per record of another unit the household holds, named by its code (`plots`,
 * `livestock`): a repeat of the same name (dynamic panel or matrix) asks it, one record per row.
 */
export type VariableLevel = "household" | "individual" | (string & {});

export type VariableType =
  | "text"
  | "integer"
  | "decimal"
  | "boolean"
  | "date"
  | "single_choice"
  | "multiple_choice"
  | "phone"
  | "national_id"
  /** "lat,lon" in decimal degrees, as text: SurveyJS has no map question the runtime could load offline. */
  | "gps_point"
  /** A file, photo or signature (issue #20): stored as an attachment, the answer holds its reference. */
  | "file";

export const VARIABLE_TYPES: readonly VariableType[] = [
  "text",
  "integer",
  "decimal",
  "boolean",
  "date",
  "single_choice",
  "multiple_choice",
  "phone",
  "national_id",
  "gps_point",
  "file",
];

/** Types whose answers are codes of the variable's code list. */
export const CHOICE_TYPES: readonly VariableType[] = ["single_choice", "multiple_choice"];

/** A draft is being written; a deprecated variable stays in published versions but is not offered to new masks. */
export type VariableStatus = "draft" | "active" | "deprecated";

export type Sensitivity = "public" | "internal" | "personal" | "sensitive";

export interface VariableConstraints {
  min?: number;
  max?: number;
  /** Regular expression (ECMAScript, whole value) a text answer must match. */
  pattern?: string;
  maxLength?: number;
  /** For multiple choice: how many answers at most. */
  maxSelected?: number;
  /** For decimals: how many digits after the decimal point the specification promises. */
  decimals?: number;
}

export interface Variable {
  /** Lowercase snake case, unique, the key of the value everywhere in the registry. */
  code: string;
  level: VariableLevel;
  type: VariableType;
  label: Labels;
  description?: Labels;
  /** Who the variable is asked of ("members aged 15 or more"): the specification document prints it. */
  universe?: Labels;
  unit?: string;
  theme?: string;
  constraints?: VariableConstraints;
  /** Code of the code list, for single and multiple choice variables. */
  codeList?: string;
  sensitivity?: Sensitivity;
  /** Absent means active: the catalogues written before statuses existed are all in use. */
  status?: VariableStatus;
  notes?: string;
}

export interface CodeListItem {
  /** The stored value. Codes are strings so that leading zeros and administrative codes survive. */
  code: string;
  label: Labels;
  /** Code of the parent item in the parent list (commune → prefecture → island). */
  parent?: string;
}

/** Items are ordered: the array order is the order shown to people. */
export interface CodeList {
  code: string;
  label: Labels;
  /** Code of the list this one's items refine, for hierarchies. */
  parentList?: string;
  items: CodeListItem[];
}

export interface Catalogue {
  variables: Variable[];
  codeLists: CodeList[];
}
