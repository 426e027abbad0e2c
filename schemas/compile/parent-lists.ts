import type { CodeList, Variable } from "../catalogue/types";
import { problem, type MaskQuestion } from "./mask-walker";
import type { CompileProblem, QuestionRule } from "./types";

export interface BoundQuestion extends MaskQuestion {
  variable: Variable;
  codeList: CodeList | undefined;
}

/**
 * Hierarchies of code lists (island → prefecture → commune): when the mask also asks the parent list,
 * a child answer must lie in the parent answered. survey-core only filters the choices it shows; the
 * server checks the pair itself, whatever the filters say. The parent is looked for beside the child
 * (same member, or the household), then, for a member's answer, in the household.
 */
export function linkParentLists(
  bound: BoundQuestion[],
  lists: Map<string, CodeList>,
  rules: Map<BoundQuestion, QuestionRule>,
): CompileProblem[] {
  const problems: CompileProblem[] = [];
  for (const child of bound) {
    const parentList = child.variable.type === "single_choice" ? child.codeList?.parentList : undefined;
    if (!parentList || !child.codeList || !lists.has(parentList)) continue;
    const candidates = bound.filter((b) => b !== child && b.variable.type === "single_choice" && b.codeList?.code === parentList);
    const beside = candidates.filter((b) => b.scope === child.scope);
    const above = child.scope === "members" ? candidates.filter((b) => b.scope === "household") : [];
    const [parents, scope] = beside.length ? ([beside, "same"] as const) : ([above, "household"] as const);
    if (parents.length === 0) continue;
    const [parent] = parents;
    if (parents.length > 1 || !parent) {
      const names = parents.map((p) => p.variable.code).join(", ");
      problems.push(
        problem(
          child.path,
          child.question,
          "ambiguous_parent",
          `La liste « ${child.codeList.code} » de « ${child.variable.code} » raffine « ${parentList} », posée par plusieurs questions (${names}) : impossible de savoir laquelle contrôle la réponse.`,
          `List "${child.codeList.code}" of "${child.variable.code}" refines "${parentList}", asked by several questions (${names}): which one constrains the answer is unclear.`,
        ),
      );
      continue;
    }
    const of: Record<string, string> = {};
    for (const item of child.codeList.items) if (item.parent !== undefined) of[item.code] = item.parent;
    const rule = rules.get(child);
    if (rule) rule.parent = { question: parent.variable.code, scope, of };
  }
  return problems;
}
