/**
 * A corpus with planted duplicates (issue #14), for bench/match-quality.ts and the matching differential
 * test: households the registry already holds (generatedHousehold of its seeds), then incoming households
 * of three kinds, each member knowing whom it truly is:
 * - re-registered: a registry household sent again, its members respelt as clerks do, sometimes moved
 *   within the commune or the island, a member gone or a baby added;
 * - with a mover: a new household one of whose members already lives in a registry household
 *   (married, moved in with kin), on the same island nine times in ten;
 * - new: a household nobody registered, whose members are often homonyms of registry people.
 */
import { MEMBERS_ROSTER } from "../../schemas/contracts/registry";
import { nameKey } from "../../schemas/registry/person-names";
import { Dice, prng, type Member, type Response } from "../../test/helpers/demo-responses";
import { generatedHousehold, otherSpelling } from "../integrate/comorian-households";

/** How a planted duplicate differs from the registry's record (besides its NIN, see `nin`). */
export type Perturbation = "none" | "spelling" | "typo" | "swapped" | "yearOff" | "spellingAndYearOff";
export type HouseholdKind = "reregistered" | "mover" | "new" | "repeated";

/** Who an incoming member truly is: a registry household's seed and roster line, and how they were written. */
export interface Truth {
  /** -1: a member of an earlier incoming household (kind "repeated"). */
  seed: number;
  line: number;
  perturbation: Perturbation;
  /** The registry's record had a NIN and the incoming keeps it, drops it, or neither had one. */
  nin: "kept" | "dropped" | "none";
}

export interface IncomingHousehold {
  kind: HouseholdKind;
  data: Response;
  /** Per roster line (index 0 = line 1): the planted truth, or null for a person new to the registry. */
  truth: (Truth | null)[];
}

export interface CorpusOptions {
  registrySeeds: number[];
  incoming: number;
  /** Seeds of new households start here (past the registry's). */
  firstNewSeed: number;
  seed: number;
  /** `repeated`: an incoming new household sent again, respelt, later in the corpus (none by default). */
  shares?: { reregistered: number; mover: number; repeated?: number };
}

const PERTURBATIONS: [Perturbation, number][] = [
  ["none", 25],
  ["spelling", 25],
  ["typo", 15],
  ["swapped", 10],
  ["yearOff", 15],
  ["spellingAndYearOff", 10],
];

export function plantedCorpus({ registrySeeds, incoming, firstNewSeed, seed, shares }: CorpusOptions): IncomingHousehold[] {
  const dice = new Dice(prng(seed));
  const { reregistered, mover, repeated = 0 } = shares ?? { reregistered: 0.25, mover: 0.15 };
  let nextNew = firstNewSeed;
  const copiesRegistry = registryCopies(registrySeeds);
  const corpus: IncomingHousehold[] = [];
  for (let n = 0; n < incoming; n++) {
    const roll = dice.int(0, 999) / 1000;
    const earlier = corpus.filter((h) => h.kind === "new");
    if (roll < reregistered) corpus.push(reregister(dice.pick(registrySeeds), dice));
    else if (roll < reregistered + repeated && earlier.length) corpus.push(repeat(dice.pick(earlier), dice));
    else {
      let data = generatedHousehold(nextNew++);
      while (copiesRegistry(data)) data = generatedHousehold(nextNew++);
      const truth: (Truth | null)[] = (data[MEMBERS_ROSTER] as Member[]).map(() => null);
      corpus.push(
        roll < reregistered + repeated + mover
          ? withMover({ kind: "mover", data, truth }, registrySeeds, dice)
          : { kind: "new", data, truth },
      );
    }
  }
  return corpus;
}

function repeat(earlier: IncomingHousehold, dice: Dice): IncomingHousehold {
  const data = structuredClone(earlier.data);
  const truth = (data[MEMBERS_ROSTER] as Member[]).map((m, i) => plant(m, -1, i + 1, dice));
  return { kind: "repeated", data, truth };
}

function reregister(registrySeed: number, dice: Dice): IncomingHousehold {
  const data = generatedHousehold(registrySeed);
  let members = data[MEMBERS_ROSTER] as Member[];
  let truth: (Truth | null)[] = members.map((m, i) => plant(m, registrySeed, i + 1, dice));
  const place = dice.int(0, 9);
  if (place >= 7) data.village = `${data.village} ${place === 9 ? "Mdjini" : "Bas"}`;
  // A member gone (married away, died) or one come to live there since.
  if (members.length > 2 && dice.chance(0.2)) {
    const gone = dice.int(1, members.length - 1);
    members = members.filter((_, i) => i !== gone);
    truth = truth.filter((_, i) => i !== gone);
  }
  if (dice.chance(0.2)) {
    const newcomer = (generatedHousehold(registrySeed + 7_777_777)[MEMBERS_ROSTER] as Member[]).at(-1)!;
    members.push({ ...newcomer, relation_to_head: "08" });
    truth.push(null);
  }
  data[MEMBERS_ROSTER] = members;
  return { kind: "reregistered", data, truth };
}

/** A registry person (on the same island nine times in ten) joins a new household, not as its head. */
function withMover(household: IncomingHousehold, registrySeeds: number[], dice: Dice): IncomingHousehold {
  const sameIsland = dice.chance(0.9);
  for (let tries = 0; tries < 50; tries++) {
    const from = dice.pick(registrySeeds);
    const origin = generatedHousehold(from);
    if (sameIsland !== (origin.island === household.data.island)) continue;
    const members = origin[MEMBERS_ROSTER] as Member[];
    const line = dice.int(1, members.length);
    const person = { ...members[line - 1]!, relation_to_head: "08" };
    (household.data[MEMBERS_ROSTER] as Member[]).push(person);
    household.truth.push(plant(person, from, line, dice));
    return household;
  }
  return household;
}

/** Writes `member` (a copy of registry seed's line) as another clerk would; returns its truth. */
function plant(member: Member, seed: number, line: number, dice: Dice): Truth {
  const perturbation = dice.weighted(PERTURBATIONS);
  const had = typeof member.nin === "string";
  const nin = had ? (dice.chance(0.5) ? "kept" : "dropped") : "none";
  if (nin === "dropped") delete member.nin;
  if (perturbation === "spelling" || perturbation === "spellingAndYearOff") respell(member, dice);
  if (perturbation === "typo") {
    const field = dice.chance(0.5) ? "first_name" : "last_name";
    member[field] = typo(member[field] as string, dice);
  }
  if (perturbation === "swapped") [member.first_name, member.last_name] = [member.last_name, member.first_name];
  if (perturbation === "yearOff" || perturbation === "spellingAndYearOff") {
    const date = member.birth_date as string;
    const year = Number(date.slice(0, 4)) + (dice.chance(0.5) ? 1 : -1);
    // 29 February has no twin a year off: the 28th.
    member.birth_date = `${year}${date.slice(4) === "-02-29" ? "-02-28" : date.slice(4)}`;
  }
  return { seed, line, perturbation, nin };
}

/** Another spelling of the first or the last name, of both when neither has one alone. */
function respell(member: Member, dice: Dice): void {
  const fields = dice.chance(0.5) ? ["first_name", "last_name"] : ["last_name", "first_name"];
  for (const field of fields) {
    const other = otherSpelling(member[field] as string, dice);
    if (other) {
      member[field] = other;
      return;
    }
  }
  member.first_name = typo(member.first_name as string, dice);
}

/** One slip of the pen past the first letter: a vowel for another, a letter dropped or doubled. */
function typo(name: string, dice: Dice): string {
  const at = dice.int(1, Math.max(1, name.length - 1));
  const vowels = "aeiou";
  const kind = dice.int(0, 2);
  if (kind === 0 && vowels.includes(name[at] ?? ""))
    return name.slice(0, at) + dice.pick([...vowels].filter((v) => v !== name[at])) + name.slice(at + 1);
  if (kind === 1 && name.length > 3) return name.slice(0, at) + name.slice(at + 1);
  return name.slice(0, at) + (name[at] ?? "a") + name.slice(at);
}

/**
 * The demo generator's random streams (mulberry32) repeat, shifted, for seeds 0x6d2b79f5 apart, and its
 * names are few: a handful of "new" households hold someone with a registry person's names (once
 * normalised) and birth date. No matcher could call them new, so such seeds are skipped.
 */
function registryCopies(registrySeeds: number[]): (data: Response) => boolean {
  const key = (m: Member) => `${nameKey(m.first_name as string, m.last_name as string)}|${m.birth_date}`;
  const known = new Set<string>();
  for (const seed of registrySeeds) for (const m of generatedHousehold(seed)[MEMBERS_ROSTER] as Member[]) known.add(key(m));
  return (data) => (data[MEMBERS_ROSTER] as Member[]).some((m) => known.has(key(m)));
}
