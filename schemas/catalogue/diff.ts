import { canonicalJson } from "../contracts/canonical-json";
import type { Catalogue } from "./types";

/** What changed between two states of the catalogue, by code; `changed` compares whole definitions. */
export interface CatalogueDiff {
  variables: CodeChanges;
  codeLists: CodeChanges;
}

export interface CodeChanges {
  added: string[];
  removed: string[];
  changed: string[];
}

export function diffCatalogues(from: Catalogue, to: Catalogue): CatalogueDiff {
  return { variables: diffByCode(from.variables, to.variables), codeLists: diffByCode(from.codeLists, to.codeLists) };
}

function diffByCode<T extends { code: string }>(from: T[], to: T[]): CodeChanges {
  const before = new Map(from.map((x) => [x.code, x]));
  const after = new Map(to.map((x) => [x.code, x]));
  const sorted = (codes: Iterable<string>) => [...codes].sort();
  return {
    added: sorted([...after.keys()].filter((code) => !before.has(code))),
    removed: sorted([...before.keys()].filter((code) => !after.has(code))),
    changed: sorted(
      [...after.keys()].filter((code) => before.has(code) && canonicalJson(before.get(code)) !== canonicalJson(after.get(code))),
    ),
  };
}
