import type { Catalogue, CodeList, Variable } from "../catalogue/types";
import { TYPE_WORDS } from "../catalogue/export/common";
import { MEMBERS_ROSTER } from "../contracts/registry";
import { AnswerObject } from "./answer-object";
import { householdFormulas } from "./computed-values";
import { checkCondition, type Names } from "./condition-checks";
import { linkParentLists, type BoundQuestion } from "./parent-lists";
import { checkQuestion, unsupportedTypeReason } from "./mask-checks";
import { freeVariable } from "./free-questions";
import { groupRules } from "./required-groups";
import { checkProperties } from "./property-checks";
import { checkTriggers, computedKeys } from "./survey-logic";
import { checkSpecialChoices } from "./special-choices";
import { checkPart, compositeParts, isComposite, requiredParts } from "./composite-questions";
import {
  extend,
  HOUSEHOLD,
  levelOfScope,
  nonEmpty,
  problem,
  typeOf,
  walkMask,
  type MaskElement,
  type MaskQuestion,
  type Repeat,
} from "./mask-walker";
import { repeatSchema } from "./repeat-schema";
import { answerSchema, compatibleTypes, expressionValidators, isSupportedQuestionType } from "./question-schema";
import { CompileError, SCHEMA_DIALECT, type CompileProblem, type JsonSchema, type SurveyJson } from "./types";

/**
 * Compiles an entry mask and the catalogue into the JSON Schema (2020-12) that submissions of the mask
 * are validated against. Types and limits come from the catalogue, narrowed by the mask; the survey
 * logic (visibleIf, requiredIf, enableIf, filtered choices, keys) is kept as rules that the validator
 * evaluates with survey-core's expression engine, so the server decides as the browser does.
 * Throws CompileError listing every problem when the mask does not fit the catalogue.
 */
export function compile(mask: SurveyJson, catalogue: Catalogue): JsonSchema {
  const variables = new Map(catalogue.variables.map((v) => [v.code, v]));
  const lists = new Map(catalogue.codeLists.map((l) => [l.code, l]));
  const walked = walkMask(mask);
  const problems = [...walked.problems, ...checkProperties(mask, walked)];

  const bound: BoundQuestion[] = [];
  const boundAt = new Set<string>();
  const composites: { entry: MaskQuestion; items: (BoundQuestion & { at: string[] })[] }[] = [];
  for (const entry of walked.questions) {
    if (isComposite(entry.question)) {
      const items = compositeParts(entry).flatMap((item) => {
        const found = bind(item, variables, lists, boundAt, problems);
        if (!found) return [];
        problems.push(...checkQuestion(item.path, item.question, found.variable, found.codeList), ...checkPart(item, entry.question));
        return [{ ...item, ...found }];
      });
      composites.push({ entry, items });
      continue;
    }
    const found = bind(entry, variables, lists, boundAt, problems);
    if (!found) continue;
    problems.push(...checkQuestion(entry.path, entry.question, found.variable, found.codeList));
    problems.push(...checkSpecialChoices(entry.path, entry.question, found.codeList));
    bound.push({ ...entry, ...found });
  }
  for (const repeat of walked.repeats) problems.push(...checkKey(repeat, bound));
  const computed = computedKeys(mask, walked, bound);
  problems.push(...computed.problems);
  const formulas = householdFormulas(mask, walked);
  problems.push(...checkTriggers(mask, new Set(bound.filter((b) => b.scope === HOUSEHOLD).map((b) => b.variable.code.toLowerCase()))));
  const compositeNames = composites.map((m) => ({ scope: m.entry.scope, variable: { code: String(m.entry.question.name) } }));
  problems.push(
    ...checkConditions(
      [...walked.questions, ...walked.groups],
      walked.repeats,
      [...bound, ...compositeNames],
      walked.displayOnly,
      formulas,
    ),
  );

  const objects = new Map<string, AnswerObject>([[HOUSEHOLD, new AnswerObject("household", computed.keys[HOUSEHOLD])]]);
  for (const repeat of walked.repeats) {
    const name = String(repeat.question.name);
    objects.set(name, new AnswerObject("member", computed.keys[name], repeat.record === "row" ? "row" : undefined));
    if (repeat.parent) objects.get(name)!.nested = true;
  }
  for (const object of objects.values()) {
    object.formulas = formulas;
    object.commentMaxLength = positiveNumber(mask.maxCommentLength);
  }
  const objectOf = (scope: string) => objects.get(scope)!;
  const rules = new Map<BoundQuestion, ReturnType<AnswerObject["add"]>>();
  for (const b of bound) {
    const schema = answerSchema(b.variable, b.question, b.codeList, mask.maxTextLength);
    rules.set(b, objectOf(b.scope).add(b.variable.code, schema, b.question, b.chain, b.question.isRequired === true));
  }
  problems.push(...linkParentLists(bound, lists, rules));
  for (const { entry, items } of composites) {
    const q = entry.question;
    const rule = objectOf(entry.scope).add(
      String(q.name),
      partsSchema(items.map((i) => ({ at: i.at, schema: answerSchema(i.variable, i.question, i.codeList, mask.maxTextLength) }))),
      q,
      entry.chain,
      q.isRequired === true,
    );
    rule.composite = true;
    const wanted = requiredParts(q);
    const names = wanted.filter((w) => w.length === 1).map((w) => w[0]!);
    const cells = wanted.filter((w) => w.length === 2) as [string, string][];
    if (names.length) rule.requiredItems = names;
    if (cells.length) rule.requiredCells = cells;
  }
  const boundBy = new Map<MaskElement, string>(bound.map((b) => [b.question, b.variable.code]));
  for (const { entry } of composites) boundBy.set(entry.question, String(entry.question.name));
  for (const repeat of walked.repeats) boundBy.set(repeat.question, String(repeat.question.name));
  const groups = groupRules(walked.groups, (q) => boundBy.get(q.question));
  problems.push(...groups.problems);
  for (const [scope, rules] of Object.entries(groups.rules)) objectOf(scope).groups.push(...rules);
  if (problems.length) throw new CompileError(problems.sort(inMaskOrder));

  const household = objectOf(HOUSEHOLD);
  // Inner repeats first: a record's schema holds its sub-records' list (plots → harvests) once that is made.
  for (const repeat of [...walked.repeats].reverse())
    repeatSchema(objectOf(repeat.parent ?? HOUSEHOLD), repeat, objectOf(String(repeat.question.name)));
  return { $schema: SCHEMA_DIALECT, ...titleOf(mask), ...household.schema() };
}

/** The object a composite question stores: its parts where they stand, nothing else (a matrixdropdown's rows hold objects of cells). */
function partsSchema(parts: { at: string[]; schema: JsonSchema }[]): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const { at, schema } of parts) {
    const [first, ...rest] = at;
    if (!rest.length) {
      properties[first!] = schema;
      continue;
    }
    properties[first!] ??= { type: "object", properties: {}, additionalProperties: false };
    (properties[first!]!.properties as Record<string, JsonSchema>)[rest.join("/")] = schema;
  }
  return { type: "object", properties, additionalProperties: false };
}

function bind(
  entry: MaskQuestion,
  variables: Map<string, Variable>,
  lists: Map<string, CodeList>,
  boundAt: Set<string>,
  problems: CompileProblem[],
) {
  const q = entry.question;
  const type = typeOf(q);
  const name = typeof q.name === "string" ? q.name : "";
  const fail = (code: CompileProblem["code"], fr: string, en: string) => void problems.push(problem(entry.path, q, code, fr, en));
  if (!isSupportedQuestionType(type)) {
    const reason = unsupportedTypeReason(q, entry.scope);
    return fail("unsupported_question_type", reason.fr, reason.en);
  }
  if (!name)
    return fail(
      "missing_name",
      `Une question « ${type} » n'a pas de nom : elle ne peut être liée à aucune variable.`,
      `A "${type}" question has no name: it cannot be bound to a variable.`,
    );
  const free = variables.has(name) ? undefined : freeVariable(entry, name);
  const variable = variables.get(name) ?? free?.variable;
  if (!variable) {
    return fail(
      "unknown_variable",
      `La question « ${name} » n'est liée à aucune variable du catalogue.`,
      `Question "${name}" is bound to no catalogue variable.`,
    );
  }
  if (boundAt.has(name)) {
    return fail("duplicate_binding", `La variable « ${name} » est liée à deux questions.`, `Variable "${name}" is bound to two questions.`);
  }
  boundAt.add(name);
  if (free && !compatibleTypes(q).includes(variable.type)) {
    const input = typeof q.inputType === "string" ? ` (inputType « ${q.inputType} »)` : "";
    return fail(
      "unsupported_question_type",
      `La question libre « ${name} »${input} n'est pas prise en charge par rsu : liez-la à une variable du catalogue ou changez son type.`,
      `Unbound question "${name}"${input.replace("«", '"').replace("»", '"')} is not supported by rsu: bind it to a catalogue variable or change its type.`,
    );
  }
  if (free) return { variable, codeList: free.codeList };
  if (!compatibleTypes(q).includes(variable.type)) {
    const input = typeof q.inputType === "string" ? ` (inputType « ${q.inputType} »)` : "";
    return fail(
      "type_mismatch",
      `Une question « ${type} »${input} ne peut pas recueillir la variable « ${name} » de type « ${TYPE_WORDS[variable.type].fr} ».`,
      `A "${type}" question${input.replace("«", '"').replace("»", '"')} cannot collect variable "${name}" of type "${TYPE_WORDS[variable.type].en}".`,
    );
  }
  if (variable.level !== levelOfScope(entry.scope)) return fail("level_mismatch", ...levelMismatch(name, variable.level, entry.scope));
  if (variable.type !== "single_choice" && variable.type !== "multiple_choice") return { variable, codeList: undefined };
  const codeList = variable.codeList ? lists.get(variable.codeList) : undefined;
  if (!codeList) {
    return fail(
      "unknown_code_list",
      `La liste de codes « ${variable.codeList ?? ""} » de la variable « ${name} » n'existe pas.`,
      `Code list "${variable.codeList ?? ""}" of variable "${name}" does not exist.`,
    );
  }
  if (codeList.parentList && !lists.has(codeList.parentList)) {
    return fail(
      "unknown_code_list",
      `La liste parente « ${codeList.parentList} » de la liste « ${codeList.code} » n'existe pas.`,
      `Parent list "${codeList.parentList}" of list "${codeList.code}" does not exist.`,
    );
  }
  return { variable, codeList };
}

/** Why a variable of one level cannot be asked where the question stands, French then English. */
function levelMismatch(name: string, level: string, scope: string): [string, string] {
  if (level === "individual" && scope === HOUSEHOLD)
    return [
      `La variable individuelle « ${name} » doit être dans le tableau des membres.`,
      `Individual variable "${name}" belongs in the members roster.`,
    ];
  if (level === "household" && scope === MEMBERS_ROSTER)
    return [
      `La variable ménage « ${name} » ne peut pas être dans le tableau des membres.`,
      `Household variable "${name}" cannot be in the members roster.`,
    ];
  const where =
    scope === HOUSEHOLD
      ? { fr: "au niveau du ménage", en: "at household level" }
      : { fr: `dans la répétition « ${scope} »`, en: `in repeat "${scope}"` };
  return [
    `La variable « ${name} » décrit l'unité « ${level} » : elle ne peut pas être posée ${where.fr}, dont les réponses sont de l'unité « ${levelOfScope(scope)} ». Une répétition porte le nom de l'unité dont ses lignes sont les fiches.`,
    `Variable "${name}" describes unit "${level}": it cannot be asked ${where.en}, whose answers are of unit "${levelOfScope(scope)}". A repeat is named after the unit its rows are records of.`,
  ];
}

/** A repeat's key (SurveyJS `keyName`) must be one of its own questions. */
function checkKey(repeat: Repeat, bound: BoundQuestion[]): CompileProblem[] {
  const q = repeat.question;
  const keyName = nonEmpty(q.keyName);
  const name = String(q.name);
  if (!keyName || bound.some((b) => b.scope === name && b.variable.code === keyName)) return [];
  return [
    problem(
      repeat.path,
      q,
      "unknown_variable",
      `La clé « ${keyName} » de la répétition « ${name} » n'est pas une question de la répétition.`,
      `Key "${keyName}" of repeat "${name}" is not a question of the repeat.`,
    ),
  ];
}

/** Every condition of the mask once (required pages and panels included), where it runs, against the names a submission may carry. */
function checkConditions(
  questions: MaskQuestion[],
  repeats: Repeat[],
  bound: { scope: MaskQuestion["scope"]; variable: { code: string } }[],
  displayOnly: Set<string>,
  formulas: { name: string }[],
): CompileProblem[] {
  const names: Names = {
    computed: new Set(formulas.map((f) => f.name.toLowerCase())),
    household: new Set(bound.filter((b) => b.scope === HOUSEHOLD).map((b) => b.variable.code.toLowerCase())),
    repeats: new Map(
      repeats.map((r) => [
        String(r.question.name),
        { record: r.record, names: new Set<string>(), ...(r.parent ? { parent: r.parent } : {}) },
      ]),
    ),
    displayOnly,
  };
  for (const b of bound) names.repeats.get(b.scope)?.names.add(b.variable.code.toLowerCase());
  for (const repeat of repeats) {
    const name = String(repeat.question.name).toLowerCase();
    if (repeat.parent) names.repeats.get(repeat.parent)?.names.add(name);
    else names.household.add(name);
  }
  const problems: CompileProblem[] = [];
  const seen = new Set<string>();
  const check = (expression: string | undefined, entry: MaskQuestion, onChoice: boolean) => {
    const key = `${entry.scope}|${onChoice}|${expression}`;
    if (!expression || seen.has(key)) return;
    seen.add(key);
    problems.push(...checkCondition(expression, { path: entry.path, element: entry.question, scope: entry.scope, onChoice }, names));
  };
  for (const entry of [...repeats, ...questions]) {
    const q = entry.question;
    const own = extend(entry.chain, q);
    for (const expression of [...own.visibleIf, ...own.enableIf, nonEmpty(q.requiredIf), ...expressionValidators(q)])
      check(expression, entry, false);
    check(nonEmpty(q.choicesVisibleIf), entry, true);
    for (const choice of Array.isArray(q.choices) ? q.choices : []) {
      if (choice && typeof choice === "object") check(nonEmpty((choice as { visibleIf?: unknown }).visibleIf), entry, true);
    }
  }
  return problems;
}

/** Problems in the order of the mask (pointers compared segment by segment, numbers as numbers), each element's together. */
function inMaskOrder(a: CompileProblem, b: CompileProblem): number {
  const x = a.path.split("/");
  const y = b.path.split("/");
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] === y[i]) continue;
    const [m, n] = [Number(x[i]), Number(y[i])];
    return Number.isInteger(m) && Number.isInteger(n) ? m - n : x[i]! < y[i]! ? -1 : 1;
  }
  return x.length - y.length;
}

function titleOf(mask: SurveyJson): { title?: string } {
  const title = mask.title;
  if (typeof title === "string") return { title };
  if (title && typeof title === "object") {
    const text = (title as Record<string, unknown>).fr ?? (title as Record<string, unknown>).default;
    if (typeof text === "string") return { title: text };
  }
  return {};
}

function positiveNumber(value: unknown): number | undefined {
  return typeof value === "number" && value > 0 ? value : undefined;
}
