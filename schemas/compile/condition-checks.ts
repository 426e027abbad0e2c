import { checkExpression } from "./expressions";
import { problem, type MaskElement } from "./mask-walker";
import type { CompileProblem } from "./types";

/** The names a condition may read, lower case as survey-core compares them. */
export interface Names {
  household: Set<string>;
  /** Each repeat's own answers, by its name, and how conditions inside name its record (`panel`, `row`). */
  repeats: Map<string, { record: "panel" | "row"; names: Set<string>; parent?: string }>;
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
    const reason = parentPanelCase(variable) ?? unknownReason(variable.toLowerCase(), site, names);
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

/**
 * survey-core 2.3.0 finds the outer panel only when the prefix is written in lower case: `{parentPanel.x}`,
 * as its documentation spells it, reads nothing in the browser, so the condition would never hold.
 */
function parentPanelCase(variable: string): { fr: string; en: string } | undefined {
  const head = variable.split(/[.[]/)[0] ?? "";
  if (head.toLowerCase() !== "parentpanel" || head === "parentpanel") return undefined;
  const written = `parentpanel${variable.slice(head.length)}`;
  return {
    fr: `survey-core ne lit le panneau englobant qu'écrit en minuscules : écrivez {${written}}.`,
    en: `survey-core reads the outer panel only when written in lower case: write {${written}}.`,
  };
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
  if (head === "parentpanel") {
    // survey-core reads `{parentPanel.x}` in a dynamic panel standing in another: the outer record's answer.
    const parent = repeat?.parent ? names.repeats.get(repeat.parent) : undefined;
    if (record !== "panel" || !parent)
      return {
        fr: "{parentPanel.…} n'existe que dans un panneau dynamique placé dans un autre.",
        en: "{parentPanel.…} exists only inside a dynamic panel standing in another.",
      };
    return parent.names.has(rest[0] ?? "")
      ? undefined
      : {
          fr: `aucune question de la répétition « ${repeat!.parent} » ne porte ce nom.`,
          en: `no question of repeat "${repeat!.parent}" has this name.`,
        };
  }
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
