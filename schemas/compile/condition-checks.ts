import { checkExpression } from "./expressions";
import { problem, type MaskElement } from "./mask-walker";
import type { CompileProblem } from "./types";

/** The names a condition may read, lower case as survey-core compares them. */
export interface Names {
  household: Set<string>;
  /** Each repeat's own answers, by its name, and how conditions inside name its record (`panel`, `row`). */
  repeats: Map<string, { record: "panel" | "row"; names: Set<string> }>;
  displayOnly: Set<string>;
  /** Household values the form computes that the server recomputes (computed-values.ts): readable anywhere. */
  computed?: Set<string>;
}

export interface ConditionSite {
  path: string;
  element: MaskElement;
  /** Where the condition runs: inside a dynamic panel, `{panel.x}` and `{panelIndex}` exist; inside a dynamic matrix, `{row.x}`. */
  scope: string;
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
  const repeat = names.repeats.get(site.scope);
  const record = repeat?.record;
  if (record === "panel" && (head === "panelindex" || head === "visiblepanelindex")) return undefined;
  if (head === "panel" || head === "row") {
    if (record !== head)
      return head === "panel"
        ? { fr: "{panel.…} n'existe que dans un panneau dynamique.", en: "{panel.…} exists only inside a dynamic panel." }
        : { fr: "{row.…} n'existe que dans une matrice dynamique.", en: "{row.…} exists only inside a dynamic matrix." };
    return repeat?.names.has(rest[0] ?? "")
      ? undefined
      : {
          fr: `aucune question de la répétition « ${site.scope} » ne porte ce nom.`,
          en: `no question of repeat "${site.scope}" has this name.`,
        };
  }
  if (names.household.has(head) || names.computed?.has(head)) return undefined;
  if (names.displayOnly.has(head)) {
    return {
      fr: "c'est un élément d'affichage, dont la valeur n'est pas transmise avec les réponses.",
      en: "it is a display element, whose value is not sent with the answers.",
    };
  }
  if (repeat?.names.has(head)) {
    return {
      fr: `dans la répétition « ${site.scope} », sa propre réponse s'écrit {${record}.${head}}.`,
      en: `inside repeat "${site.scope}", its own answer is written {${record}.${head}}.`,
    };
  }
  return { fr: "aucune question du ménage ne porte ce nom.", en: "no household question has this name." };
}
