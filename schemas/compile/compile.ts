import type { Catalogue, CodeList, Variable } from "../catalogue/types";
import { MEMBERS_ROSTER } from "../contracts/registry";
import { problem, walkMask, type MaskQuestion } from "./mask-walker";
import { answerSchema, compatibleTypes, isSupportedQuestionType } from "./question-schema";
import { CompileError, RULES_KEYWORD, type CompileProblem, type JsonSchema, type QuestionRule, type SurveyJson } from "./types";

const LEVEL_OF_SCOPE = { household: "household", members: "individual" } as const;

/**
 * Compiles an entry mask and the catalogue into the JSON Schema (2020-12) that submissions of the mask are
 * validated against, on the server and in the workers. Types and limits come from the catalogue, layout
 * and logic from the mask; survey logic (visibleIf, requiredIf, filtered choices) is kept as rules that
 * the validator evaluates with survey-core's expression engine, so both sides agree.
 * Throws CompileError listing every problem when the mask does not fit the catalogue.
 */
export function compile(mask: SurveyJson, catalogue: Catalogue): JsonSchema {
  const variables = new Map(catalogue.variables.map((v) => [v.code, v]));
  const lists = new Map(catalogue.codeLists.map((l) => [l.code, l]));
  const { questions, roster, problems } = walkMask(mask);
  const scopes = { household: new Scope(), members: new Scope() };
  const boundNames = new Set<string>();

  for (const entry of questions) {
    const bound = bind(entry, variables, lists, boundNames, problems);
    if (bound) scopes[entry.scope].add(entry, bound.variable, bound.codeList, answerSchema(bound.variable, entry.question, bound.codeList));
  }
  for (const scope of Object.values(scopes)) scope.linkParents(lists);
  if (problems.length) throw new CompileError(problems);

  const household = scopes.household.objectSchema();
  if (roster) {
    const q = roster.question;
    const min = Number(q.minPanelCount ?? 0);
    const max = q.maxPanelCount === undefined ? undefined : Number(q.maxPanelCount);
    (household.properties as Record<string, JsonSchema>)[MEMBERS_ROSTER] = {
      type: "array",
      ...(min > 0 ? { minItems: min } : {}),
      ...(max !== undefined && max > 0 ? { maxItems: max } : {}),
      items: scopes.members.objectSchema(),
    };
    (household[RULES_KEYWORD] as QuestionRule[]).push(ruleOf(MEMBERS_ROSTER, q, roster.containerConditions, q.isRequired === true || min > 0));
  }
  return { $schema: "https://json-schema.org/draft/2020-12/schema", title: titleOf(mask), ...household };
}

/** Answers of one object (the household, or one member), with their rules. */
class Scope {
  private readonly properties: Record<string, JsonSchema> = {};
  private readonly rules: QuestionRule[] = [];
  private readonly listOfQuestion = new Map<string, string>();

  add(entry: MaskQuestion, variable: Variable, codeList: CodeList | undefined, schema: JsonSchema) {
    const q = entry.question;
    this.properties[variable.code] = schema;
    const rule = ruleOf(variable.code, q, entry.containerConditions, q.isRequired === true);
    const choiceConditions = choiceVisibility(q);
    if (choiceConditions) rule.choiceVisibleIf = choiceConditions;
    if (typeof q.choicesVisibleIf === "string" && q.choicesVisibleIf.trim()) rule.choicesVisibleIf = q.choicesVisibleIf;
    this.rules.push(rule);
    if (codeList && variable.type === "single_choice") this.listOfQuestion.set(codeList.code, variable.code);
  }

  /** A commune must lie in the prefecture answered in the same object, when both are asked. */
  linkParents(lists: Map<string, CodeList>) {
    for (const [listCode, question] of this.listOfQuestion) {
      const list = lists.get(listCode)!;
      const parentQuestion = list.parentList ? this.listOfQuestion.get(list.parentList) : undefined;
      if (!parentQuestion) continue;
      const of = Object.fromEntries(list.items.filter((i) => i.parent !== undefined).map((i) => [i.code, i.parent!]));
      this.rules.find((r) => r.name === question)!.parent = { question: parentQuestion, of };
    }
  }

  objectSchema(): JsonSchema {
    return { type: "object", properties: this.properties, additionalProperties: false, [RULES_KEYWORD]: this.rules };
  }
}

function bind(entry: MaskQuestion, variables: Map<string, Variable>, lists: Map<string, CodeList>, boundNames: Set<string>, problems: CompileProblem[]) {
  const q = entry.question;
  const type = String(q.type ?? "").toLowerCase();
  const name = typeof q.name === "string" ? q.name : "";
  const fail = (code: string, fr: string, en: string) => void problems.push(problem(entry.path, q, code, fr, en));
  if (!isSupportedQuestionType(type)) {
    return fail("unsupported_question_type", `Le type de question « ${type} » n'est pas pris en charge par rsu.`, `Question type "${type}" is not supported by rsu.`);
  }
  const variable = variables.get(name);
  if (!variable) {
    return fail("unknown_variable", `La question « ${name} » n'est liée à aucune variable du catalogue.`, `Question "${name}" is bound to no catalogue variable.`);
  }
  if (boundNames.has(name)) {
    return fail("duplicate_binding", `La variable « ${name} » est liée à deux questions.`, `Variable "${name}" is bound to two questions.`);
  }
  boundNames.add(name);
  if (!compatibleTypes(q).includes(variable.type)) {
    return fail("type_mismatch", `Une question « ${type} » ne peut pas recueillir la variable « ${name} » de type ${variable.type}.`, `A "${type}" question cannot collect variable "${name}" of type ${variable.type}.`);
  }
  if (variable.level !== LEVEL_OF_SCOPE[entry.scope]) {
    return fail(
      "level_mismatch",
      variable.level === "individual" ? `La variable individuelle « ${name} » doit être dans le tableau des membres.` : `La variable ménage « ${name} » ne peut pas être dans le tableau des membres.`,
      variable.level === "individual" ? `Individual variable "${name}" belongs in the members roster.` : `Household variable "${name}" cannot be in the members roster.`,
    );
  }
  const codeList = variable.codeList ? lists.get(variable.codeList) : undefined;
  if ((variable.type === "single_choice" || variable.type === "multiple_choice") && !codeList) {
    return fail("unknown_code_list", `La liste de codes « ${variable.codeList ?? ""} » de la variable « ${name} » n'existe pas.`, `Code list "${variable.codeList ?? ""}" of variable "${name}" does not exist.`);
  }
  return { variable, codeList };
}

function ruleOf(name: string, q: Record<string, unknown>, containerConditions: string[], required: boolean): QuestionRule {
  const visibleIf = typeof q.visibleIf === "string" && q.visibleIf.trim() ? [...containerConditions, q.visibleIf] : containerConditions;
  return {
    name,
    ...(visibleIf.length ? { visibleIf } : {}),
    ...(required ? { required: true } : {}),
    ...(typeof q.requiredIf === "string" && q.requiredIf.trim() ? { requiredIf: q.requiredIf } : {}),
  };
}

function choiceVisibility(q: Record<string, unknown>): Record<string, string> | undefined {
  const choices = Array.isArray(q.choices) ? (q.choices as unknown[]) : [];
  const conditions: Record<string, string> = {};
  for (const choice of choices) {
    if (choice && typeof choice === "object" && typeof (choice as { visibleIf?: unknown }).visibleIf === "string") {
      conditions[String((choice as { value: unknown }).value)] = (choice as { visibleIf: string }).visibleIf;
    }
  }
  return Object.keys(conditions).length ? conditions : undefined;
}

function titleOf(mask: SurveyJson): string | undefined {
  const title = mask.title;
  if (typeof title === "string") return title;
  if (title && typeof title === "object") return (title as Record<string, string>).fr ?? (title as Record<string, string>).default;
  return undefined;
}
