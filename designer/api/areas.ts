import { pick } from "../i18n";
import { AREA_VARIABLES, describeCode, type CodeLabel, type CodeLabels } from "../../kit/code-labels";

export interface AreaNode {
  code: string;
  label: CodeLabel;
  children: AreaNode[];
}

/**
 * Islands, their prefectures, their communes, from the labels of the published masks. A choice names its
 * parent by its cascading condition; failing that, by the code convention (a commune's code starts with
 * its prefecture's).
 */
export function areaTree(labels: CodeLabels): AreaNode[] {
  const levels = AREA_VARIABLES.map((variable) => [...(labels.get(variable) ?? new Map<string, CodeLabel>()).entries()]);
  const nodesOf = levels.map((entries) => new Map(entries.map(([code, label]) => [code, { code, label, children: [] } as AreaNode])));
  levels.forEach((entries, depth) => {
    const upper = nodesOf[depth - 1];
    if (!upper) return;
    for (const [code, label] of entries) {
      const parentCode = label.parent ?? [...upper.keys()].find((candidate) => code.startsWith(candidate));
      const parent = parentCode === undefined ? undefined : upper.get(parentCode);
      const node = nodesOf[depth]!.get(code)!;
      if (parent) parent.children.push(node);
    }
  });
  return [...(nodesOf[0]?.values() ?? [])];
}

/** Every code below one of `selected`: already covered, since an area covers all it contains. */
export function coveredAreas(tree: AreaNode[], selected: ReadonlySet<string>): Set<string> {
  const covered = new Set<string>();
  const walk = (nodes: AreaNode[], inherited: boolean) =>
    nodes.forEach((node) => {
      if (inherited) covered.add(node.code);
      walk(node.children, inherited || selected.has(node.code));
    });
  walk(tree, false);
  return covered;
}

/** An area in words with its code, "Moroni-Bambao (101)"; the bare code when its label is unknown. */
export function describeArea(labels: CodeLabels, code: string): string {
  return describeCode(labels, AREA_VARIABLES, code, pick);
}
