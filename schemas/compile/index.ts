export { boundVariableCodes } from "./bound-variables";
export { compile } from "./compile";
export { createValidator, validatorFor } from "./validator";
export { isEmptyAnswer } from "./expressions";
export { FIELD_ERROR_CODES } from "./field-errors";
export {
  CompileError,
  RULES_KEYWORD,
  type CompileProblem,
  type JsonSchema,
  type QuestionRule,
  type RulesKeywordValue,
  type SurveyJson,
} from "./types";
