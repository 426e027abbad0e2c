import type { Catalogue, CodeList } from "./types";

/**
 * Themes are the items of one code list of the catalogue (issue 17): a variable's theme is chosen from it,
 * so free text no longer makes near-duplicate themes, and documents print the item's label, not its code.
 * A catalogue without this list keeps its free-text themes (catalogues written before it existed).
 */
export const THEME_LIST = "theme";

export function themeList(catalogue: Pick<Catalogue, "codeLists">): CodeList | undefined {
  return catalogue.codeLists.find((l) => l.code === THEME_LIST);
}
