import { ConditionsParser, type Operand } from "survey-core";

/**
 * SurveyJS expressions written back as XLSForm XPath, for the export (issue #20): survey-core parses the
 * expression, and its tree is written in XPath with ODK's functions. The inverse of xpath.ts on what the
 * import writes, so that import → export → import gives the same mask. Throws `Unwritable` otherwise.
 */
export class Unwritable extends Error {}

const BINARY: Record<string, string> = {
  and: "and",
  or: "or",
  equal: "=",
  notequal: "!=",
  greater: ">",
  less: "<",
  greaterorequal: ">=",
  lessorequal: "<=",
  plus: "+",
  minus: "-",
  mul: "*",
  div: "div",
  mod: "mod",
};

const FUNCTIONS: Record<string, string> = {
  iif: "if",
  today: "today",
  currentDate: "now",
  round: "round",
  trunc: "int",
  getDate: "date",
  min: "min",
  max: "max",
};

type Any = Operand & Record<string, any>;

export function toXPath(expression: string): string {
  const operand = new ConditionsParser().parseExpression(expression) as Any | null;
  if (!operand) throw new Unwritable(`unparsable expression "${expression}"`);
  return write(operand);
}

function write(o: Any): string {
  switch (o.getType()) {
    case "binary": {
      const left = write(o.leftOperand);
      const right = write(o.rightOperand);
      if (o.operator === "contains") return `selected(${left}, ${right})`;
      if (o.operator === "notcontains") return `not(selected(${left}, ${right}))`;
      const op = BINARY[o.operator];
      if (!op) throw new Unwritable(`operator "${o.operator}"`);
      return `(${left} ${op} ${right})`;
    }
    case "unary": {
      const inner = write(o.expression);
      if (o.operator === "negate") return `not(${inner})`;
      if (o.operator === "empty") return `(${inner} = '')`;
      if (o.operator === "notempty") return `(${inner} != '')`;
      throw new Unwritable(`operator "${o.operator}"`);
    }
    case "variable": {
      // Inside a repeat, XLSForm names a sibling answer as any other: `{panel.x}`, `{parentpanel.x}` (a repeat in a repeat) and a matrix row's `{row.x}` are `${x}`.
      const name = String(o.variableName).replace(/^(panel|row|parentpanel)\./i, "");
      const length = name.match(/^(.+)\.length$/);
      if (length) return `string-length(\${${length[1]}})`;
      if (/[.[]/.test(name)) throw new Unwritable(`variable "${name}"`);
      return `\${${name}}`;
    }
    case "const": {
      const value = o.correctValue ?? o.value;
      if (typeof value === "boolean") return value ? "true()" : "false()";
      if (typeof value === "number") return String(value);
      const text = String(value);
      return text.includes("'") ? `"${text}"` : `'${text}'`;
    }
    case "function": {
      const name = String(o.originalValue);
      const args = (o.parameters.values as Any[]) ?? [];
      if (name === "count" && args.length === 1) return `count-selected(${write(args[0]!)})`;
      if (/^(sum|min|max)InArray$/.test(name) && args.length === 2)
        return `${name.slice(0, 3)}(\${${String(args[1]!.correctValue ?? args[1]!.value)}})`;
      if (name === "panelIndex") throw new Unwritable("panelIndex");
      const xpath = FUNCTIONS[name];
      if (!xpath) throw new Unwritable(`function "${name}()"`);
      return `${xpath}(${args.map(write).join(", ")})`;
    }
    default:
      throw new Unwritable(`operand "${o.getType()}"`);
  }
}
