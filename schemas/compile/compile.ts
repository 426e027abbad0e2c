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
import { extend, nonEmpty, problem, typeOf, walkMask, type MaskElement, type MaskQuestion } from "./mask-walker";
import { answerSchema, compatibleTypes, expressionValidators, isSupportedQuestionType } from "./question-schema";
import { CompileError, SCHEMA_DIALECT, type CompileProblem, type JsonSchema, type SurveyJson } from "./types";

const LEVEL_OF_SCOPE = { household: "household", members: "individual" } as const;

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
  for (const entry of walked.questions) {
    const found = bind(entry, variables, lists, boundAt, problems);
    if (!found) continue;
    problems.push(...checkQuestion(entry.path, entry.question, found.variable, found.codeList));
    bound.push({ ...entry, ...found });
  }
  const roster = walked.roster;
  if (roster) problems.push(...checkRoster(roster, bound));
  const computed = computedKeys(mask, walked, bound);
  problems.push(...computed.problems);
  const formulas = householdFormulas(mask, walked);
  problems.push(...checkTriggers(mask, new Set(bound.filter((b) => b.scope === "household").map((b) => b.variable.code.toLowerCase()))));
  problems.push(...checkConditions([...walked.questions, ...walked.groups], roster, bound, walked.displayOnly, formulas));

  const objects = {
    household: new AnswerObject("household", computed.keys.household),
    members: new AnswerObject("member", computed.keys.members),
  };
  objects.household.formulas = objects.members.formulas = formulas;
  const rules = new Map<BoundQuestion, ReturnType<AnswerObject["add"]>>();
  for (const b of bound) {
    const schema = answerSchema(b.variable, b.question, b.codeList, mask.maxTextLength);
    rules.set(b, objects[b.scope].add(b.variable.code, schema, b.question, b.chain, b.question.isRequired === true));
  }
  problems.push(...linkParentLists(bound, lists, rules));
  const boundBy = new Map<MaskElement, string>(bound.map((b) => [b.question, b.variable.code]));
  if (roster) boundBy.set(roster.question, MEMBERS_ROSTER);
  const groups = groupRules(walked.groups, (q) => boundBy.get(q.question));
  problems.push(...groups.problems);
  objects.household.groups.push(...groups.rules.household);
  objects.members.groups.push(...groups.rules.members);
  if (problems.length) throw new CompileError(problems.sort(inMaskOrder));

  const household = objects.household;
  if (roster) {
    const q = roster.question;
    const min = Number(q.minPanelCount ?? 0);
    const max = Number(q.maxPanelCount ?? 0);
    const members: JsonSchema = {
      type: "array",
      ...(min > 0 ? { minItems: min } : {}),
      ...(max > 0 ? { maxItems: max } : {}),
      items: objects.members.schema(),
    };
    // A household is its members: at least minPanelCount of them whenever the roster is shown.
    const rule = household.add(MEMBERS_ROSTER, members, q, roster.chain, q.isRequired === true || min > 0);
    rule.panels = true;
    const keyName = nonEmpty(q.keyName);
    if (keyName) rule.keyName = keyName;
  }
  return { $schema: SCHEMA_DIALECT, ...titleOf(mask), ...household.schema() };
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
    const reason = unsupportedTypeReason(q);
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
  if (variable.level !== LEVEL_OF_SCOPE[entry.scope]) {
    return fail(
      "level_mismatch",
      variable.level === "individual"
        ? `La variable individuelle « ${name} » doit être dans le tableau des membres.`
        : `La variable ménage « ${name} » ne peut pas être dans le tableau des membres.`,
      variable.level === "individual"
        ? `Individual variable "${name}" belongs in the members roster.`
        : `Household variable "${name}" cannot be in the members roster.`,
    );
  }
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

function checkRoster(roster: MaskQuestion, bound: BoundQuestion[]): CompileProblem[] {
  const q = roster.question;
  const problems: CompileProblem[] = [];
  const keyName = nonEmpty(q.keyName);
  if (keyName && !bound.some((b) => b.scope === "members" && b.variable.code === keyName)) {
    problems.push(
      problem(
        roster.path,
        q,
        "unknown_variable",
        `La clé « ${keyName} » du tableau des membres n'est pas une question du tableau.`,
        `Key "${keyName}" of the members roster is not a question of the roster.`,
      ),
    );
  }
  return problems;
}

/** Every condition of the mask once (required pages and panels included), where it runs, against the names a submission may carry. */
function checkConditions(
  questions: MaskQuestion[],
  roster: MaskQuestion | null,
  bound: BoundQuestion[],
  displayOnly: Set<string>,
  formulas: { name: string }[],
): CompileProblem[] {
  const names: Names = {
    computed: new Set(formulas.map((f) => f.name.toLowerCase())),
    household: new Set(bound.filter((b) => b.scope === "household").map((b) => b.variable.code.toLowerCase())),
    members: new Set(bound.filter((b) => b.scope === "members").map((b) => b.variable.code.toLowerCase())),
    displayOnly,
  };
  if (roster) names.household.add(MEMBERS_ROSTER);
  const problems: CompileProblem[] = [];
  const seen = new Set<string>();
  const check = (expression: string | undefined, entry: MaskQuestion, onChoice: boolean) => {
    const key = `${entry.scope}|${onChoice}|${expression}`;
    if (!expression || seen.has(key)) return;
    seen.add(key);
    problems.push(...checkCondition(expression, { path: entry.path, element: entry.question, scope: entry.scope, onChoice }, names));
  };
  for (const entry of roster ? [roster, ...questions] : questions) {
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
