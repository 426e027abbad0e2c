import { validHousehold, type Member, type Response } from "./demo-responses";

const PREFECTURE: Record<string, string> = { "10101": "101", "10102": "101", "10201": "102" };

/**
 * Household `seed` (at least two members), placed in `commune` of Ngazidja (10101, 10102 or 10201), its head
 * holding `nin` and no other member a NIN; last names made from the seed, so that households of different
 * seeds never match by names (issue #14's NIN and move tests).
 */
export function registration(seed: number, commune: string, nin: string): Response {
  for (let s = seed; ; s++) {
    const data = validHousehold(s);
    const members = data.members as Member[];
    if (data.island !== "1" || members.length < 2 || !members[0]!.nin) continue;
    members.forEach((m, i) => {
      delete m.nin;
      m.last_name = `Famille ${spelled(seed)} ${spelled(i)}`;
    });
    members[0]!.nin = nin;
    return { ...data, prefecture: PREFECTURE[commune], commune };
  }
}

/** A number in letters, so that households of different seeds have names that neither spelling nor sound brings together. */
function spelled(n: number): string {
  return [...n.toString(10)]
    .map((d) => ["Zaro", "Moja", "Mbili", "Tatu", "Nne", "Tsano", "Sita", "Saba", "Nane", "Shenda"][Number(d)])
    .join("");
}

/** `into` with its roster line `line` (from 1) replaced by `member` of another household, keeping its relation to the head. */
export function withMember(into: Response, line: number, member: Member): Response {
  const members = structuredClone(into.members as Member[]);
  members[line - 1] = { ...structuredClone(member), relation_to_head: members[line - 1]!.relation_to_head };
  return { ...into, members };
}
