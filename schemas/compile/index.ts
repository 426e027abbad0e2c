export { compile } from "./compile";
export { createValidator } from "./validator";
export { CompileError, RULES_KEYWORD, type CompileProblem, type JsonSchema, type QuestionRule, type SurveyJson } from "./types";
