import { FunctionFactory, Helpers, type Operand } from "survey-core";

/** An expression turned into a function of the answers, with survey-core's results (issue #22). */
export type CompiledExpression = (values: Record<string, unknown>) => unknown;

/**
 * Compiles survey-core's parsed expression into closures, once per expression. survey-core's runner
 * re-splits each variable's name into a path, builds a context, a getter and a result object for every
 * lookup, on every run: on the hot path of submissions that costs more than the comparisons. The closures
 * call survey-core's own operators, functions and value conversions; only the lookup in a plain object
 * (VariableGetterContext) is written again here, step for step. Null when the expression holds something
 * else (an async function, an operand type unknown here): the runner then runs it.
 */
export function compileOperand(operand: Operand | null): CompiledExpression | null {
  // BinaryOperand.evaluateParam: a missing side is null.
  if (operand === null || operand === undefined) return () => null;
  const node = operand as unknown as Record<string, any>;
  switch (operand.getType()) {
    case "const": {
      const value = node.evaluate();
      return () => value;
    }
    case "variable":
      return compileVariable(node);
    case "binary": {
      const left = compileOperand(node.left),
        right = compileOperand(node.right);
      if (!left || !right) return null;
      const consumer = node.consumer as (l: unknown, r: unknown, strict: boolean) => unknown;
      // strictCompare comes from a question's context; a plain object of answers never sets it.
      return (values) => consumer.call(node, left(values), right(values), false);
    }
    case "unary": {
      const inner = compileOperand(node.expressionValue);
      if (!inner) return null;
      const consumer = node.consumer as (v: unknown) => unknown;
      return (values) => consumer.call(node, inner(values));
    }
    case "array": {
      const items = (node.values as Operand[]).map(compileOperand);
      if (items.some((i) => !i)) return null;
      return (values) => items.map((item) => item!(values));
    }
    case "function": {
      if (FunctionFactory.Instance.isAsyncFunction(node.originalValue)) return null;
      const parameters = compileOperand(node.parameters);
      if (!parameters) return null;
      const name = node.originalValue as string;
      const given = node.parameters.values as Operand[];
      // No properties, as ExpressionRunner.runValues passes none.
      const run = (args: unknown[]) => FunctionFactory.Instance.run(name, args, null as never, given);
      if (name === "age" && given.length === 1) return (values) => ageOf(parameters(values) as unknown[], run);
      return (values) => run(parameters(values) as unknown[]);
    }
    default:
      return null;
  }
}

/**
 * age() of a birth date, kept for the rest of the local day: a member's age is read by several conditions
 * (each of the demo roster's four age conditions parsed both dates again, issue #22). The day is checked at
 * every call, so a clock moving either way (midnight, a test's) starts afresh.
 */
const ages = new Map<string, unknown>();
let day = { from: 0, until: 0 };

function ageOf(args: unknown[], run: (args: unknown[]) => unknown): unknown {
  const birth = args[0];
  if (typeof birth !== "string") return run(args);
  const now = Date.now();
  if (now < day.from || now >= day.until || ages.size >= 50_000) {
    ages.clear();
    const from = new Date(now);
    from.setHours(0, 0, 0, 0);
    const until = new Date(from);
    until.setDate(until.getDate() + 1);
    day = { from: from.getTime(), until: until.getTime() };
  }
  if (!ages.has(birth)) ages.set(birth, run(args));
  return ages.get(birth);
}

interface PathItem {
  name: string;
  index?: number;
}

/** survey-core's Variable.evaluate through ProcessValue and ValueGetter, with the path split once. */
function compileVariable(node: Record<string, any>): CompiledExpression {
  const name = node.variableName as string;
  const path = splitPath(name);
  const names = stretchNames(path);
  const endsWithLength = name.endsWith(".length");
  const correct = (value: unknown) => node.getCorrectValue(value) as unknown;
  return (values) => {
    const found = lookUp(values, path, names);
    if (found === NOT_FOUND) return endsWithLength ? correct(0) : null;
    return correct(found);
  };
}

/** ValueGetter.getPath. */
function splitPath(name: string): PathItem[] {
  return name.split(".").map((part) => {
    let item = part.trim();
    let index: number | undefined;
    if (item.lastIndexOf("]") === item.length - 1) {
      const at = item.lastIndexOf("[");
      if (at > -1) {
        const number = Helpers.getNumber(item.substring(at + 1, item.length - 1)) as number;
        index = Number.isNaN(number) || number < 0 ? undefined : number;
        if (index !== undefined) item = item.substring(0, at);
      }
    }
    return index === undefined ? { name: item } : { name: item, index };
  });
}

const NOT_FOUND = Symbol("not found");

/** A name to look up, with what survey-core derives from it at each lookup, derived once. */
interface Name {
  name: string;
  lower: string;
  /** The first letters a matching key may start with: survey-core's quick test before lowering a key. */
  a: string;
  A: string;
}

/** The dotted names `path[at..p]`, for every stretch of the path, made once per variable. */
function stretchNames(path: PathItem[]): Name[][] {
  return path.map((_, at) =>
    path.map((__, p) => {
      const name = path
        .slice(at, p + 1)
        .map((item) => item.name)
        .join(".");
      const lower = name.toLowerCase();
      return { name, lower, a: lower[0] ?? "", A: name ? name[0]!.toLocaleUpperCase() : "" };
    }),
  );
}

/**
 * VariableGetterContext.getValue: each stretch of the path up to an indexed item is looked up as one
 * dotted key first, then shorter ones (`panel.birth_date`, then `panel` and `birth_date`), case-insensitively.
 */
function lookUp(values: unknown, path: PathItem[], names: Name[][]): unknown {
  let value: unknown = values;
  let at = 0;
  while (at < path.length) {
    let end = at;
    while (end < path.length && path[end]!.index === undefined) end++;
    if (end >= path.length) end = path.length - 1;
    let found = false;
    let p = end;
    for (; p >= at; p--) {
      const got = valueByName(value, names[at]![p]!);
      if (got !== undefined) {
        value = got;
        found = true;
        break;
      }
    }
    if (!found) return NOT_FOUND;
    const index = path[p]!.index;
    at = p + 1;
    if (index !== undefined) {
      if (!Array.isArray(value) || index >= value.length) return NOT_FOUND;
      value = value[index];
    }
  }
  return value;
}

/** VariableGetterContext.getValueByItemCore: the first key, inherited ones included, equal to the name but for case. */
function valueByName(object: unknown, { name, lower, a, A }: Name): unknown {
  if (!object || !name) return undefined;
  if (name === "length" && (Array.isArray(object) || typeof object === "string")) return (object as { length: number }).length;
  for (const key in object as object) {
    const first = key[0];
    if ((first === a || first === A) && key.toLowerCase() === lower) return (object as Record<string, unknown>)[key];
  }
  return undefined;
}
