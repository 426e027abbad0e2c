/**
 * The catalogue: the registry's contract (DESIGN.md, "variables are the contract").
 * A question collects data only by being bound to a variable: question `name` = variable `code`.
 */

/** Labels keyed by language tag. French is required; any other language the country needs may follow. */
export type Labels = { fr: string } & Partial<Record<string, string>>;

/** Unit of observation: asked once per household, or once per member of the household's roster. */
export type VariableLevel = "household" | "individual";

export type VariableType =
  | "text"
  | "integer"
  | "decimal"
  | "boolean"
  | "date"
  | "single_choice"
  | "multiple_choice";

export type Sensitivity = "public" | "internal" | "personal" | "sensitive";

export interface VariableConstraints {
  min?: number;
  max?: number;
  /** Regular expression (ECMAScript, whole value) a text answer must match. */
  pattern?: string;
  maxLength?: number;
  /** For multiple choice: how many answers at most. */
  maxSelected?: number;
}

export interface Variable {
  /** Lowercase snake case, unique, the key of the value everywhere in the registry. */
  code: string;
  level: VariableLevel;
  type: VariableType;
  label: Labels;
  description?: Labels;
  theme?: string;
  constraints?: VariableConstraints;
  /** Code of the code list, for single and multiple choice variables. */
  codeList?: string;
  sensitivity?: Sensitivity;
}

export interface CodeListItem {
  /** The stored value. Codes are strings so that leading zeros and administrative codes survive. */
  code: string;
  label: Labels;
  /** Code of the parent item in the parent list (commune → prefecture → island). */
  parent?: string;
}

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
