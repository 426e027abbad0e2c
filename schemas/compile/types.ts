import type { Message } from "../contracts/api";

/** A JSON Schema (2020-12) document or subschema, as plain JSON. */
export type JsonSchema = { [keyword: string]: unknown };

/** A SurveyJS survey JSON (survey-core 2.3.0): the entry mask as administrators design it. */
export type SurveyJson = { [property: string]: unknown };

/** One reason a mask cannot be compiled against the catalogue: where (JSON pointer into the mask), what, why. */
export interface CompileProblem {
  /** JSON pointer of the element in the mask, e.g. `/pages/2/elements/0/templateElements/3`. */
  path: string;
  /** The question's name when there is one. */
  name?: string;
  code: CompileProblemCode;
  message: Message;
}

export type CompileProblemCode =
  | "unsupported_question_type"
  | "unsupported_property"
  | "unsupported_validator"
  | "missing_name"
  | "unknown_variable"
  | "type_mismatch"
  | "level_mismatch"
  | "duplicate_binding"
  | "unknown_code_list"
  | "unknown_choice"
  | "ambiguous_parent"
  | "invalid_expression"
  | "unknown_expression_variable"
  | "invalid_pattern"
  /** A survey trigger rsu does not model, or one that writes an answer no bound question holds. */
  | "unsupported_trigger";

export class CompileError extends Error {
  constructor(readonly problems: CompileProblem[]) {
    super(`the mask does not fit the catalogue: ${problems.map((p) => `${p.path} ${p.code}`).join("; ")}`);
    this.name = "CompileError";
  }
}

/**
 * The survey logic of one answer, kept in the compiled schema under the `x-rsu-rules` keyword of the
 * object holding it, and evaluated by rules-keyword.ts with survey-core's own expression engine.
 * Plain JSON: it is stored with the published version and must mean the same thing years later.
 */
export interface QuestionRule {
  name: string;
  /** Conditions that must all be `true` for the question to be shown: its page's and panels', then its own. */
  visibleIf?: string[];
  /** Hidden whatever the answers (`visible: false` on it or a container, with no visibleIf to override it). */
  hidden?: true;
  required?: true;
  /** When present, decides requiredness alone, as survey-core lets requiredIf override isRequired. */
  requiredIf?: string;
  /** survey-core skips validation of read-only questions: required only while none of these is `false`. */
  enableIf?: string[];
  /** Read-only whatever the answers: never required. */
  readOnly?: true;
  /** Filtered choices: the values the mask offers, each shown by its own condition, else by the shared one. */
  choices?: { offered: string[]; visibleIf?: Record<string, string>; choicesVisibleIf?: string };
  /** For a list refining another (commune → prefecture): the question answering the parent list and each code's parent. */
  parent?: { question: string; scope: "same" | "household"; of: Record<string, string> };
  /** On the roster: a member answer that must differ between members (SurveyJS `keyName`). */
  keyName?: string;
  /**
   * SurveyJS expression validators: each must give `true` (survey-core's ConditionRunner, `== true`) while
   * the question is shown and enabled and has no required error, answered or not.
   */
  validators?: string[];
  /** survey-core's `minSelectedChoices`: fewer choices is an error while shown and enabled, even none at all. */
  minSelected?: number;
  /** Regex validators on a number: survey-core tests the number written as text, without the `u` flag. */
  numberPatterns?: string[];
  /**
   * `<name>-Comment`, where survey-core stores a comment area's text and the "other" item's text: `area`
   * allows it while the question is shown; `other` (the other item's value) wants it exactly while that
   * item is selected, since survey-core clears it when the item is unselected.
   */
  comment?: { area?: true; other?: string };
  /** Choices that exclude every other one (survey-core's "none" item): selected alone or not at all. */
  exclusive?: string[];
  /** An object of answers (a multiple text): survey-core counts a blank text in it as an answer. */
  composite?: true;
  /** A multiple text's items that must be answered while it is shown and enabled, answered or not. */
  requiredItems?: string[];
  /** A matrixdropdown's cells (row, column) in required columns: wanted in every row while shown and enabled, answered or not. */
  requiredCells?: [string, string][];
  /**
   * The answer is a list of panels (the members roster): empty, as survey-core's QuestionPanelDynamicModel
   * says, when no panel holds any key, so `[{}]` is no answer.
   */
  panels?: true;
  /**
   * A dynamic matrix's rows survey-core adds and checks when the answer has fewer: `whenAbsent` rows with
   * no answer at all (its rowCount), else up to `min` (minRowCount); each must satisfy `empty`, the rules
   * of a record, as a row with no cell answered.
   */
  rows?: { whenAbsent: number; min: number; empty: RulesKeywordValue };
  /** A required dynamic matrix wants at least so many rows with an answer (survey-core's MinRowCountError). */
  minRows?: number;
}

/**
 * A page or panel that wants an answer (`isRequired`, or `requiredIf` deciding alone): while it is shown
 * and required, at least one of the questions shown inside it must be answered, when any is shown.
 * survey-core's PanelModelBase.hasRequiredError; read-only containers are checked too, as there.
 */
export interface GroupRule {
  /** The page's or panel's title or name, for the message. */
  label: string;
  /** Its own conditions and its containers', like a question's. */
  visibleIf?: string[];
  hidden?: true;
  required?: true;
  requiredIf?: string;
  /** The questions inside it, at any depth, by name: each is shown by its own rule (none: always). */
  questions: string[];
  /** Display elements inside it (html, image): survey-core counts them as questions never answered. */
  displays?: { visibleIf?: string[]; hidden?: true }[];
}

/** The value of the `x-rsu-rules` keyword on the household object and on each member object. */
export interface RulesKeywordValue {
  /** `member`: a record of a repeat (the roster's members, a plot), read by conditions as `{panel.x}`, or `{row.x}` when `record` says so. */
  scope: "household" | "member";
  record?: "row";
  /** A record in a list held by another record (plots → harvests): conditions read that record as `{parentPanel.x}`. */
  nested?: true;
  rules: QuestionRule[];
  /** Pages and panels of this object that want at least one answer. */
  groups?: GroupRule[];
  /**
   * Keys the form itself computes into its data (expression questions, calculated values included into
   * the result): never a clerk's answer nor a variable, so the validator drops them (see validator.ts).
   */
  displayOnly?: string[];
  /** The household values the form computes that conditions read, recomputed by the server (computed-values.ts). */
  computed?: ComputedValue[];
}

/** A calculated value or an expression question of the household: survey-core computes it from the answers. */
export interface ComputedValue {
  name: string;
  expression: string;
  /** An expression question's `precision`: its result is rounded to so many fraction digits. */
  precision?: number;
}

export const RULES_KEYWORD = "x-rsu-rules";
export const SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema";

/** One file of an answer, checked by file-keyword.ts: its types (read from its bytes) and decoded size at most. */
export const FILE_KEYWORD = "x-rsu-file";
export interface FileKeywordValue {
  types: string[];
  maxSize: number;
  /** A signature pad's answer: a data URL alone, not `{name, type, content}`. */
  signature?: true;
}
