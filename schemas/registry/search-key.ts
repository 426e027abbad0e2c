/**
 * The form of a name the registry searches on: without accents, case or repeated spaces, so that a clerk
 * typing "said" finds "Saïd" and "SAID". (Spelling variants such as Mohamed/Mouhamad belong to matching,
 * not to search.)
 */
export function searchKey(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}
