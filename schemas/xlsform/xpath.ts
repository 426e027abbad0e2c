/**
 * XLSForm expressions (XPath 1.0 with ODK's functions) translated into SurveyJS expressions (issue #20).
 * A small tokenizer and precedence parser make a tree; the tree is written back in SurveyJS's language.
 * Whatever has no faithful translation throws `Untranslatable` with its reason: the importer reports it
 * on the row and leaves the condition out, never half-translated.
 */
export class Untranslatable extends Error {
  constructor(
    readonly fr: string,
    readonly en: string,
  ) {
    super(en);
  }
}

/** What the translator needs to know of the form's questions. */
export interface QuestionFacts {
  /** select_multiple answers are lists: `selected()` is then `contains`, not `=`. */
  multiple: boolean;
  /** The repeat the question is inside, if any (its innermost one). */
  repeat: string | null;
}

export interface XPathContext {
  /** The question the expression belongs to: what `.` means. */
  self: string;
  /** The repeat the expression is evaluated in. */
  repeat: string | null;
  questions: ReadonlyMap<string, QuestionFacts>;
}

type Node =
  | { k: "ref"; name: string }
  | { k: "self" }
  | { k: "str"; v: string }
  | { k: "num"; v: string }
  | { k: "neg"; a: Node }
  | { k: "bin"; op: string; a: Node; b: Node }
  | { k: "call"; f: string; args: Node[] };

type Token = { t: "ref" | "str" | "num" | "name" | "op" | "(" | ")" | "," | "." | ".."; v: string };

const OPERATORS = ["!=", "<=", ">=", "=", "<", ">", "+", "-", "*", "|"];
const WORD_OPERATORS = new Set(["and", "or", "div", "mod"]);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let rest = text;
  const take = (token: Token, length: number) => {
    tokens.push(token);
    rest = rest.slice(length);
  };
  while (rest.length) {
    const space = rest.match(/^\s+/);
    const ref = rest.match(/^\$\{\s*([^}\s]+)\s*\}/);
    const str = rest.match(/^'([^']*)'|^"([^"]*)"|^[\u2018\u2019]([^\u2018\u2019]*)[\u2018\u2019]/);
    const num = rest.match(/^\d+(\.\d+)?|^\.\d+/);
    const name = rest.match(/^[A-Za-z_][\w.:-]*\w|^[A-Za-z_]/);
    const op = OPERATORS.find((o) => rest.startsWith(o));
    if (space) rest = rest.slice(space[0].length);
    else if (ref) take({ t: "ref", v: ref[1]! }, ref[0].length);
    else if (str) take({ t: "str", v: str[1] ?? str[2] ?? str[3] ?? "" }, str[0].length);
    else if (num) take({ t: "num", v: num[0] }, num[0].length);
    else if (rest.startsWith("..")) take({ t: "..", v: ".." }, 2);
    else if (name) take(WORD_OPERATORS.has(name[0]) ? { t: "op", v: name[0] } : { t: "name", v: name[0] }, name[0].length);
    else if (rest[0] === "." || rest[0] === "(" || rest[0] === ")" || rest[0] === ",") take({ t: rest[0], v: rest[0] } as Token, 1);
    else if (op) take({ t: "op", v: op }, op.length);
    else throw new Untranslatable(`caractère inattendu « ${rest[0]} »`, `unexpected character "${rest[0]}"`);
  }
  return tokens;
}

const PRECEDENCE: Record<string, number> = {
  or: 1,
  and: 2,
  "=": 3,
  "!=": 3,
  "<": 4,
  "<=": 4,
  ">": 4,
  ">=": 4,
  "+": 5,
  "-": 5,
  "*": 6,
  div: 6,
  mod: 6,
  "|": 7,
};

function parse(text: string): Node {
  const tokens = tokenize(text);
  let at = 0;
  const peek = () => tokens[at];
  const expect = (t: Token["t"]) => {
    if (tokens[at]?.t !== t) throw new Untranslatable("expression mal formée", "malformed expression");
    return tokens[at++]!;
  };
  const primary = (): Node => {
    const token = tokens[at++];
    if (!token) throw new Untranslatable("expression incomplète", "incomplete expression");
    switch (token.t) {
      case "ref":
        return { k: "ref", name: token.v };
      case "str":
        return { k: "str", v: token.v };
      case "num":
        return { k: "num", v: token.v };
      case ".":
        return { k: "self" };
      case "(": {
        const inner = binary(0);
        expect(")");
        return inner;
      }
      case "op":
        if (token.v === "-") return { k: "neg", a: primary() };
        break;
      case "name": {
        if (peek()?.t !== "(") {
          throw new Untranslatable(
            `chemin XPath « ${token.v} » (seules les références \${nom} se traduisent)`,
            `XPath path "${token.v}" (only \${name} references translate)`,
          );
        }
        at++;
        const args: Node[] = [];
        if (peek()?.t !== ")") {
          args.push(binary(0));
          while (peek()?.t === ",") {
            at++;
            args.push(binary(0));
          }
        }
        expect(")");
        return { k: "call", f: token.v, args };
      }
      default:
        break;
    }
    throw new Untranslatable(`« ${token.v} » inattendu`, `unexpected "${token.v}"`);
  };
  const binary = (min: number): Node => {
    let left = primary();
    for (;;) {
      const token = peek();
      const precedence = token?.t === "op" ? PRECEDENCE[token.v] : undefined;
      if (precedence === undefined || precedence < min) break;
      at++;
      left = { k: "bin", op: token!.v, a: left, b: binary(precedence + 1) };
    }
    return left;
  };
  const tree = binary(0);
  if (at !== tokens.length) throw new Untranslatable("expression mal formée", "malformed expression");
  return tree;
}

const SURVEYJS_OPERATORS: Record<string, string> = {
  "=": "=",
  "!=": "!=",
  "<": "<",
  "<=": "<=",
  ">": ">",
  ">=": ">=",
  "+": "+",
  "-": "-",
  "*": "*",
  div: "/",
  mod: "%",
  and: "and",
  or: "or",
};

/** Functions whose SurveyJS counterpart has the same arguments and meaning. */
const SAME_FUNCTIONS: Record<string, string> = {
  today: "today",
  now: "currentDate",
  round: "round",
  int: "trunc",
  if: "iif",
  date: "getDate",
};
/** Conversions SurveyJS does by itself when it compares or adds. */
const PASS_THROUGH = new Set(["number", "string", "once", "boolean"]);

function unsupported(f: string): Untranslatable {
  return new Untranslatable(`fonction « ${f}() » sans équivalent SurveyJS`, `function "${f}()" has no SurveyJS equivalent`);
}

function write(node: Node, ctx: XPathContext): string {
  switch (node.k) {
    case "self":
      return reference(ctx.self, ctx);
    case "ref":
      return reference(node.name, ctx);
    case "str":
      return node.v.includes("'") ? `"${node.v}"` : `'${node.v}'`;
    case "num":
      return node.v;
    case "neg":
      return `-${write(node.a, ctx)}`;
    case "bin": {
      if (node.op === "|") throw new Untranslatable("union de chemins « | »", 'path union "|"');
      return `(${write(node.a, ctx)} ${SURVEYJS_OPERATORS[node.op]} ${write(node.b, ctx)})`;
    }
    case "call":
      return call(node.f, node.args, ctx);
  }
}

function call(f: string, args: Node[], ctx: XPathContext): string {
  const arg = (i: number) => write(args[i] ?? fail(), ctx);
  const fail = (): never => {
    throw new Untranslatable(`« ${f}() » sans ses arguments`, `"${f}()" without its arguments`);
  };
  switch (f) {
    case "not":
      return `!(${arg(0)})`;
    case "true":
      return "true";
    case "false":
      return "false";
    case "selected": {
      const list = args[0];
      const name = list?.k === "ref" ? list.name : list?.k === "self" ? ctx.self : undefined;
      const multiple = name !== undefined && ctx.questions.get(name)?.multiple === true;
      return multiple ? `(${arg(0)} contains ${arg(1)})` : `(${arg(0)} = ${arg(1)})`;
    }
    case "count-selected":
      return `count(${arg(0)})`;
    case "string-length":
      return `${lengthOf(args[0], ctx)}`;
    case "coalesce":
      return `iif(${arg(0)} notempty, ${arg(0)}, ${arg(1)})`;
    case "concat":
      return `(${args.map((_, i) => `'' + ${arg(i)}`).join(" + ")})`;
    case "position":
      if (!ctx.repeat) throw new Untranslatable("position() hors d'une répétition", "position() outside a repeat");
      return "({panelIndex} + 1)";
    case "sum":
    case "min":
    case "max": {
      const repeated = args.length === 1 ? repeatedRef(args[0]!, ctx) : undefined;
      if (repeated) return `${f}InArray(${listOf(repeated.repeat, ctx)}, '${repeated.name}')`;
      if (f === "sum") throw unsupported(f);
      return `${f}(${args.map((_, i) => arg(i)).join(", ")})`;
    }
    case "count": {
      const target = args[0];
      if (target?.k === "ref" && !ctx.questions.has(target.name)) return `{${target.name}.length}`;
      throw unsupported(f);
    }
    default: {
      if (PASS_THROUGH.has(f) && args.length === 1) return arg(0);
      const same = SAME_FUNCTIONS[f];
      if (same) return `${same}(${args.map((_, i) => arg(i)).join(", ")})`;
      throw unsupported(f);
    }
  }
}

function lengthOf(node: Node | undefined, ctx: XPathContext): string {
  if (node?.k === "ref" || node?.k === "self") {
    const ref = write(node, ctx);
    return `${ref.slice(0, -1)}.length}`;
  }
  throw unsupported("string-length");
}

/** A question inside a repeat read from outside it, as `sum(${x})` does. */
function repeatedRef(node: Node, ctx: XPathContext): { repeat: string; name: string } | undefined {
  if (node.k !== "ref") return undefined;
  const facts = ctx.questions.get(node.name);
  return facts?.repeat && facts.repeat !== ctx.repeat ? { repeat: facts.repeat, name: node.name } : undefined;
}

/** A repeat's list as read from where the expression runs: the household's, or the record's own sub-records (`{panel.stems}`). */
function listOf(repeat: string, ctx: XPathContext): string {
  const parent = ctx.questions.get(repeat)?.repeat ?? null;
  if (parent === null) return `{${repeat}}`;
  if (parent === ctx.repeat) return `{panel.${repeat}}`;
  throw new Untranslatable(
    `la répétition « ${repeat} » est dans la répétition « ${parent} », lue d'ailleurs`,
    `repeat "${repeat}" is inside repeat "${parent}", read from elsewhere`,
  );
}

function reference(name: string, ctx: XPathContext): string {
  const facts = ctx.questions.get(name);
  if (!facts) {
    throw new Untranslatable(`\${${name}} ne nomme aucune question du formulaire`, `\${${name}} names no question of the form`);
  }
  if (!facts.repeat) return `{${name}}`;
  if (facts.repeat === ctx.repeat) return `{panel.${name}}`;
  // In a repeat inside a repeat (stems in trees), the enclosing record's answer; survey-core 2.3.0 reads the prefix in lower case only.
  if (ctx.repeat && facts.repeat === ctx.questions.get(ctx.repeat)?.repeat) return `{parentpanel.${name}}`;
  throw new Untranslatable(
    `\${${name}} est dans la répétition « ${facts.repeat} », lue d'ailleurs`,
    `\${${name}} is inside repeat "${facts.repeat}", read from elsewhere`,
  );
}

/** The SurveyJS expression for an XLSForm expression, or `Untranslatable`. */
export function translateXPath(expression: string, ctx: XPathContext): string {
  return write(parse(expression), ctx);
}

/** `regex(., 'pattern')`, alone in a constraint, is SurveyJS's regex validator. */
export function regexConstraint(expression: string): string | undefined {
  const m = expression.trim().match(/^regex\(\s*\.\s*,\s*(?:'([^']*)'|"([^"]*)")\s*\)$/);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** Whether a required/read_only cell means yes: `yes`, `true`, `true()`, `1` (case aside). */
export function isYes(cell: string | undefined): boolean {
  return cell !== undefined && /^(yes|true|true\(\)|1)$/i.test(cell.trim());
}
export function isNo(cell: string | undefined): boolean {
  return cell === undefined || /^(no|false|false\(\)|0|)$/i.test(cell.trim());
}
