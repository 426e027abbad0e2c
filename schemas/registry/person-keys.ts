import { blockKey, nameKey } from "./person-names";

/** The matching columns of an individual (issue #6), derived from its names and birth date. */
export interface PersonKeys {
  /** Normalised "first last", compared by trigram similarity (GIN index). */
  nameKey: string | null;
  /** Sorted phonetic keys of both names: candidates are looked for in the same block (btree on block_key, birth_date, island). */
  blockKey: string | null;
  /** Year of birth, for filters and reports (the lookup reads birth_date ranges within the year ± 1). */
  birthYear: number | null;
}

/** Keys of one member, written with every individual so that matching never recomputes them in SQL. */
export function personKeys(member: { firstName: string | null; lastName: string | null; birthDate: string | null }): PersonKeys {
  const year = member.birthDate ? Number(/^(\d{4})-/.exec(member.birthDate)?.[1]) : NaN;
  return {
    nameKey: nameKey(member.firstName, member.lastName) || null,
    blockKey: blockKey(member.firstName, member.lastName) || null,
    birthYear: Number.isInteger(year) ? year : null,
  };
}
