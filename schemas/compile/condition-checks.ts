import { checkExpression } from "./expressions";
import { problem, type MaskElement } from "./mask-walker";
import type { CompileProblem } from "./types";

/** The names a condition may read, lower case as survey-core compares them. */
export interface Names {
  household: Set<string>;
  members: Set<string>;
  displayOnly: Set<string>;
  /** Household values the form computes that the server recomputes (computed-values.ts): readable anywhere. */
  computed?: Set<string>;
}

export interface ConditionSite {
  path: string;
  element: MaskElement;
  /** Where the condition runs: inside the roster, `{panel.x}` and `{panelIndex}` exist. */
  scope: "household" | "members";
  /** Choice conditions may read `{item}`, the choice being tested. */
  onChoice: boolean;
}

/**
 * A condition must parse and read only answers a submission can carry: a typo or a reference to a
 * display-only expression would otherwise silently hide (or show) a question for ever.
 */
export function checkCondition(expression: string, site: ConditionSite, names: Names): CompileProblem[] {
  const fail = (code: CompileProblem["code"], fr: string, en: string) => [problem(site.path, site.element, code, fr, en)];
  const check = checkExpression(expression);
  if (check.unknownFunctions.length) {
    const list = check.unknownFunctions.join(", ");
    return fail(
      "invalid_expression",
      `La condition « ${expression} » appelle une fonction inconnue de survey-core : ${list}.`,
      `Condition "${expression}" calls a function survey-core does not know: ${list}.`,
    );
  }
  if (!check.ok) {
    return fail(
      "invalid_expression",
      `La condition « ${expression} » n'est pas une expression SurveyJS valide.`,
      `Condition "${expression}" is not a valid SurveyJS expression.`,
    );
  }
  const problems: CompileProblem[] = [];
  for (const variable of check.variables) {
    const reason = unknownReason(variable.toLowerCase(), site, names);
    if (reason)
      problems.push(
        ...fail(
          "unknown_expression_variable",
          `La condition « ${expression} » lit {${variable}} : ${reason.fr}`,
          `Condition "${expression}" reads {${variable}}: ${reason.en}`,
        ),
      );
  }
  return problems;
}

function unknownReason(variable: string, site: ConditionSite, names: Names): { fr: string; en: string } | undefined {
  const [head = "", ...rest] = variable.split(/[.[]/);
  if (head === "item" || head === "choice") {
    return site.onChoice
      ? undefined
      : { fr: "{item} n'existe que dans une condition de choix.", en: "{item} exists only in a choice condition." };
  }
  if (site.scope === "members" && (head === "panelindex" || head === "visiblepanelindex")) return undefined;
  if (head === "panel") {
    if (site.scope !== "members")
      return { fr: "{panel.…} n'existe que dans le tableau des membres.", en: "{panel.…} exists only inside the members roster." };
    return names.members.has(rest[0] ?? "")
      ? undefined
      : { fr: "aucune question du tableau des membres ne porte ce nom.", en: "no question of the members roster has this name." };
  }
  if (names.household.has(head) || names.computed?.has(head)) return undefined;
  if (names.displayOnly.has(head)) {
    return {
      fr: "c'est un élément d'affichage, dont la valeur n'est pas transmise avec les réponses.",
      en: "it is a display element, whose value is not sent with the answers.",
    };
  }
  if (site.scope === "members" && names.members.has(head)) {
    return {
      fr: `dans le tableau des membres, la réponse du membre s'écrit {panel.${head}}.`,
      en: `inside the members roster, the member's answer is written {panel.${head}}.`,
    };
  }
  return { fr: "aucune question du ménage ne porte ce nom.", en: "no household question has this name." };
}
