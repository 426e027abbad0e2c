import { extend, nonEmpty, problem, type MaskQuestion, type RequiredGroup } from "./mask-walker";
import type { CompileProblem, GroupRule } from "./types";

/**
 * The rules of the pages and panels that want an answer (mask-walker.ts), by where they run. A group
 * holding an expression element is refused: survey-core counts the value it computes as an answer, and
 * the server drops computed values rather than recompute them (survey-logic.ts).
 */
export function groupRules(groups: RequiredGroup[], nameOf: (question: MaskQuestion) => string | undefined) {
  const rules: Record<string, GroupRule[]> = {};
  const problems: CompileProblem[] = [];
  for (const group of groups) {
    const element = group.question;
    const label = labelOf(element) ?? group.path;
    const property = nonEmpty(element.requiredIf) ? "requiredIf" : "isRequired";
    for (const computed of group.computed) {
      const name = String(computed.question.name ?? "");
      problems.push(
        problem(
          group.path,
          element,
          "unsupported_property",
          `La propriété « ${property} » de « ${label} » n'est pas prise en charge par rsu ici : « ${name} », une expression calculée, s'y trouve, et survey-core compterait sa valeur comme une réponse.`,
          `Property "${property}" of "${label}" is not supported by rsu here: it holds "${name}", a computed expression, whose value survey-core would count as an answer.`,
        ),
      );
    }
    const questions = group.questions.map(nameOf).filter((n): n is string => n !== undefined);
    if (questions.length === 0 && group.displays.length === 0) continue;
    const own = extend(group.chain, element);
    const requiredIf = nonEmpty(element.requiredIf);
    const displays = group.displays.map((d) => visibility(extend(d.chain, d.question)));
    rules[group.scope] ??= [];
    rules[group.scope]!.push({
      label,
      ...visibility(own),
      ...(requiredIf ? { requiredIf } : { required: true as const }),
      questions,
      ...(displays.length ? { displays } : {}),
    });
  }
  return { rules, problems };
}

function visibility(chain: { visibleIf: string[]; hidden: boolean }): { visibleIf?: string[]; hidden?: true } {
  return { ...(chain.visibleIf.length ? { visibleIf: chain.visibleIf } : {}), ...(chain.hidden ? { hidden: true as const } : {}) };
}

/** What a clerk reads: the title in the form's first language, else the name. */
function labelOf(element: Record<string, unknown>): string | undefined {
  const title = element.title;
  if (typeof title === "string" && title.trim() !== "") return title;
  if (title && typeof title === "object") {
    const text = (title as Record<string, unknown>).fr ?? (title as Record<string, unknown>).default;
    if (typeof text === "string" && text.trim() !== "") return text;
  }
  return nonEmpty(element.name);
}
