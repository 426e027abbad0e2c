import type { Catalogue, CodeList } from "./types";

/**
 * The part of the catalogue a published version depends on: the variables it binds, their code lists,
 * and the parent lists of those (a commune list needs its prefectures to check the hierarchy).
 * Frozen with the version, so later catalogue edits cannot change what the version accepts.
 */
export function catalogueSnapshot(catalogue: Catalogue, variableCodes: Iterable<string>): Catalogue {
  const wanted = new Set(variableCodes);
  const variables = catalogue.variables.filter((v) => wanted.has(v.code));
  const lists = new Map(catalogue.codeLists.map((l) => [l.code, l]));
  const kept = new Map<string, CodeList>();
  const keep = (code: string | undefined) => {
    const list = code === undefined ? undefined : lists.get(code);
    if (!list || kept.has(list.code)) return;
    kept.set(list.code, list);
    keep(list.parentList);
  };
  for (const variable of variables) keep(variable.codeList);
  return { variables, codeLists: [...kept.values()] };
}
