export { compile } from "./compile";
export { createValidator, validatorFor, type Validate } from "./validator";
export { isEmptyAnswer } from "./expressions";
export { FIELD_ERROR_CODES, type FieldErrorCode } from "./field-errors";
export {
  CompileError,
  RULES_KEYWORD,
  type CompileProblem,
  type CompileProblemCode,
  type JsonSchema,
  type QuestionRule,
  type RulesKeywordValue,
  type SurveyJson,
} from "./types";
