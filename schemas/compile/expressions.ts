import { ExpressionRunner, FunctionFactory, type Operand } from "survey-core";
import { compileOperand, type CompiledExpression } from "./compiled-expression";

/**
 * survey-core's expression engine, as the validator uses it. Parsing is the costly part, so there is
 * one runner per distinct expression for the life of the process; running one takes microseconds.
 * Runners are synchronous (no async functions are registered), so sharing them is safe.
 */
const runners = new Map<string, ExpressionRunner>();
/** Each expression as closures (compiled-expression.ts), or its runner's own run when it cannot be compiled. */
const compiled = new Map<string, CompiledExpression>();

function runnerOf(expression: string): ExpressionRunner {
  let runner = runners.get(expression);
  if (!runner) {
    runner = new ExpressionRunner(expression);
    runners.set(expression, runner);
  }
  return runner;
}

export type Values = Record<string, unknown>;

/** The raw result: survey-core compares it with `true` (visibleIf, requiredIf) or `false` (enableIf) strictly. */
export function evaluate(expression: string, values: Values): unknown {
  let run = compiled.get(expression);
  if (!run) {
    const runner = runnerOf(expression);
    const operand = (runner as unknown as { expressionExecutor: { operand?: Operand } }).expressionExecutor.operand;
    run = (runner.canRun() && compileOperand(operand ?? null)) || ((v) => runner.runValues(v));
    compiled.set(expression, run);
  }
  return run(values);
}

/** Whether the expression reads only the record's own answers (`{panel.x}`, `{panelIndex}`, or `{row.x}`), not the household's. */
export function readsOnlyRecord(expression: string, record: "panel" | "row"): boolean {
  const own = record === "row" ? /^row[.[]/i : /^(panel[.[]|panelindex$|visiblepanelindex$)/i;
  return runnerOf(expression)
    .getVariables()
    .every((v) => own.test(v));
}

/** How a choice item's condition holds: survey-core runs those with a ConditionRunner, which tests `== true`. */
export function choiceHolds(expression: string, values: Values): boolean {
  // Loose on purpose: survey-core's own test.
  // biome-ignore lint/suspicious/noDoubleEquals: survey-core compares loosely
  return (evaluate(expression, values) as unknown) == true;
}

/**
 * What survey-core counts as no answer (Question.isEmpty): undefined, null, NaN, a string that is empty
 * once trimmed, an empty array, or an object whose values are all empty. `false` and `0` are answers.
 */
export function isEmptyAnswer(value: unknown): boolean {
  if (typeof value === "string") return value.trim() === "";
  if (Array.isArray(value)) return value.length === 0;
  if (value !== null && typeof value === "object" && (value as object).constructor === Object) {
    for (const key in value as Values) if (!isEmptyAnswer((value as Values)[key])) return false;
    return true;
  }
  return !value && value !== 0 && value !== false;
}

/** Words of the expression language that may precede a parenthesis without being a function call. */
const OPERATOR_WORDS = new Set([
  "and",
  "or",
  "not",
  "empty",
  "notempty",
  "contains",
  "notcontains",
  "anyof",
  "allof",
  "noneof",
  "true",
  "false",
]);

export interface ExpressionCheck {
  ok: boolean;
  /** Variables as written, e.g. `panel.birth_date`, `members[0].age`, `item`. */
  variables: string[];
  unknownFunctions: string[];
}

/** Whether survey-core can parse the expression, which variables it reads and which functions it lacks. */
export function checkExpression(expression: string): ExpressionCheck {
  const runner = new ExpressionRunner(expression);
  if (!runner.canRun()) return { ok: false, variables: [], unknownFunctions: [] };
  // Quoted strings and {variables} may hold anything: drop them before looking for calls.
  const bare = expression.replace(/'[^']*'|"[^"]*"|\{[^}]*\}/g, " ");
  const calls = [...bare.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s*\(/g)].map((m) => m[1]!);
  const unknownFunctions = calls.filter((name) => !OPERATOR_WORDS.has(name.toLowerCase()) && !FunctionFactory.Instance.hasFunction(name));
  return { ok: unknownFunctions.length === 0, variables: runner.getVariables(), unknownFunctions };
}
