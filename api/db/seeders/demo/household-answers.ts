import { commune, prefecture } from "./admin-areas";
import { HEAD_OF_HOUSEHOLD, MEMBERS_ROSTER } from "../../../../schemas/contracts/registry";
import { FEMALE_NAMES, LANDMARKS, LAST_NAMES, MALE_NAMES, VILLAGES } from "./comorian-names";

/**
 * Deterministic responses to the demo household mask (api/db/seeders/demo/household-mask.ts): the same
 * seed always gives the same household, so failures reproduce and benchmarks compare like with like.
 *
 * Values are always type-correct (numbers, booleans, ISO dates, codes from the lists): survey-core does
 * not check shapes, and only on such data can its verdict be compared with the server's.
 */

export type Response = Record<string, unknown>;
export type Member = Record<string, unknown>;

/** mulberry32: tiny, fast, good enough for test data, and needs no dependency. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Dice {
  constructor(private readonly next: () => number) {}
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  }
  /** Picks a value by relative weight: [[value, weight], ...]. */
  weighted<T>(pairs: readonly (readonly [T, number])[]): T {
    const total = pairs.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [value, w] of pairs) {
      r -= w;
      if (r < 0) return value;
    }
    return pairs[pairs.length - 1]![0];
  }
  /** `count` distinct items, in list order. */
  some<T>(items: readonly T[], count: number): T[] {
    const chosen = new Set<number>();
    while (chosen.size < Math.min(count, items.length)) chosen.add(this.int(0, items.length - 1));
    return [...chosen].sort((x, y) => x - y).map((i) => items[i]!);
  }
  digits(n: number): string {
    return Array.from({ length: n }, () => String(this.int(0, 9))).join("");
  }
}

/** Interview dates fall in 2025, before any clock this code will run on: ages only grow afterwards. */
const FIELDWORK_START = Date.UTC(2025, 0, 6);
const FIELDWORK_DAYS = 300;

export const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** A birth date giving exactly `age` whole years on `reference` (UTC milliseconds). */
function birthDateForAge(dice: Dice, reference: number, age: number): string {
  const ref = new Date(reference);
  const anniversary = Date.UTC(ref.getUTCFullYear() - age, ref.getUTCMonth(), ref.getUTCDate());
  return isoDate(anniversary - dice.int(0, 364) * 86_400_000);
}

interface Person {
  relation: string;
  sex: "1" | "2";
  age: number;
  lastName?: string;
}

/** Who lives in the household: a head first, then kin whose ages fit their relation to the head. */
function composition(dice: Dice): Person[] {
  const size = dice.weighted<number>([
    [1, 4],
    [2, 8],
    [3, 12],
    [4, 15],
    [5, 16],
    [6, 14],
    [7, 11],
    [8, 8],
    [9, 5],
    [10, 3],
    [11, 2],
    [12, 2],
  ]);
  const headSex = dice.chance(0.72) ? "1" : "2";
  const head: Person = { relation: HEAD_OF_HOUSEHOLD, sex: headSex, age: dice.int(22, 82) };
  const people: Person[] = [head];
  const room = () => people.length < size;

  const spouses = headSex === "1" ? (dice.chance(0.82) ? (dice.chance(0.06) ? 2 : 1) : 0) : dice.chance(0.3) ? 1 : 0;
  for (let i = 0; i < spouses && room(); i++) {
    const age = headSex === "1" ? Math.max(17, head.age - dice.int(0, 15)) : Math.min(95, head.age + dice.int(0, 10));
    people.push({ relation: "02", sex: headSex === "1" ? "2" : "1", age });
  }
  const mother = people.find((p) => p.sex === "2") ?? head;
  const oldestChild = Math.min(mother.age - 16, head.age - 16, 45);
  const fatherName = headSex === "1" ? undefined : dice.pick(MALE_NAMES);
  while (room() && oldestChild >= 0 && people.length < size - (head.age > 55 ? 2 : 0)) {
    people.push({ relation: "03", sex: dice.pick(["1", "2"] as const), age: dice.int(0, oldestChild), lastName: fatherName });
  }
  while (room()) {
    const relation = dice.weighted<string>([
      ["04", 1],
      ["05", head.age >= 40 ? 4 : 0],
      ["06", head.age <= 60 ? 2 : 0],
      ["07", 2],
      ["08", 2],
      ["09", 1],
    ]);
    const age =
      relation === "05"
        ? dice.int(0, Math.min(20, head.age - 36))
        : relation === "06"
          ? Math.min(95, head.age + dice.int(18, 40))
          : relation === "07"
            ? Math.max(0, head.age + dice.int(-15, 15))
            : relation === "04"
              ? dice.int(18, Math.max(18, head.age - 14))
              : relation === "08"
                ? dice.int(0, 70)
                : dice.int(12, 60);
    people.push({ relation, sex: dice.pick(["1", "2"] as const), age });
  }
  return people;
}

function schoolLevel(age: number, dice: Dice): string {
  if (age <= 5) return dice.chance(0.5) ? "1" : "2";
  if (age <= 11) return dice.chance(0.1) ? "2" : "3";
  if (age <= 15) return "4";
  if (age <= 19) return dice.chance(0.15) ? "6" : "5";
  return dice.chance(0.3) ? "6" : "7";
}

/** The answers of one member, only for the questions the mask shows them. */
/** The marital status code of a married person, or false. */
type Marriage = "2" | "3" | false;

function memberAnswers(dice: Dice, p: Person, first: string, reference: number, headFirstName: string, married: Marriage): Member {
  const last = p.relation === "03" || p.relation === "05" ? (p.lastName ?? headFirstName) : dice.pick(LAST_NAMES);
  const m: Member = {
    first_name: first,
    last_name: last,
    sex: p.sex,
    birth_date: birthDateForAge(dice, reference, p.age),
    relation_to_head: p.relation,
  };
  if (p.age >= 18 && dice.chance(0.7)) m.nin = dice.digits(9);
  if (dice.chance(0.9)) m.has_birth_certificate = dice.chance(p.age < 18 ? 0.85 : 0.7);
  if (p.age >= 12) {
    m.marital_status = married
      ? married
      : p.age < 20
        ? "1"
        : dice.weighted<string>([
            ["1", 5],
            ["4", 2],
            ["5", 2],
            ["6", 1],
          ]);
  }
  if (p.age >= 6) m.literate = dice.chance(p.age < 50 ? 0.8 : 0.45);
  let inSchool = false;
  if (p.age >= 3) {
    inSchool = dice.chance(p.age <= 5 ? 0.4 : p.age <= 16 ? 0.85 : p.age <= 24 ? 0.35 : 0.02);
    m.attends_school = inSchool;
    if (inSchool) m.education_level = schoolLevel(p.age, dice);
  }
  if (p.age >= 10) {
    m.main_activity = inSchool
      ? "07"
      : p.age >= 62 && dice.chance(0.3)
        ? "10"
        : dice.weighted<string>([
            ["01", 6],
            ["02", 2],
            ["03", 3],
            ["04", 1],
            ["05", 1],
            ["06", 1],
            ["08", 3],
            ["09", 2],
            ["11", 1],
          ]);
  }
  if (dice.chance(0.95)) m.disability = dice.chance(p.age >= 60 ? 0.15 : 0.04);
  if (dice.chance(0.95)) m.chronic_illness = dice.chance(p.age >= 50 ? 0.25 : 0.05);
  return m;
}

/** A valid, type-correct answer to the demo mask. */
export function validHousehold(seed: number): Response {
  const dice = new Dice(prng(seed));
  const reference = FIELDWORK_START + dice.int(0, FIELDWORK_DAYS) * 86_400_000;

  const place = dice.pick(commune.items);
  const pref = prefecture.items.find((p) => p.code === place.parent);
  if (!pref?.parent) throw new Error(`commune ${place.code} has no prefecture`);
  const isl = pref.parent;

  const r: Response = {
    island: isl,
    prefecture: pref.code,
    commune: place.code,
    village: dice.pick(VILLAGES[isl] ?? ["Village"]),
    interview_date: isoDate(reference),
  };
  if (dice.chance(0.8)) r.address = `Quartier ${dice.pick(LAST_NAMES)}, ${dice.pick(LANDMARKS)}`;
  if (dice.chance(0.75)) r.phone = dice.pick(["3", "4"]) + dice.digits(6);

  const people = composition(dice);
  const poor = dice.chance(0.45);
  r.dwelling_tenure = dice.weighted<string>([
    ["1", 75],
    ["2", 12],
    ["3", 11],
    ["4", 2],
  ]);
  r.wall_material = poor ? dice.pick(["3", "4", "5", "6"]) : dice.pick(["1", "1", "2"]);
  r.roof_material = poor ? dice.pick(["1", "3"]) : dice.pick(["1", "2", "4"]);
  r.floor_material = poor ? dice.pick(["3", "4", "2"]) : dice.pick(["1", "2"]);
  r.water_source = isl === "1" ? dice.pick(["06", "06", "03", "02", "08"]) : dice.pick(["01", "02", "03", "04", "07"]);
  r.toilet_type = poor ? dice.pick(["3", "4", "5"]) : dice.pick(["1", "2", "3"]);
  r.lighting_source = poor ? dice.pick(["1", "3", "4", "5"]) : dice.pick(["1", "1", "2", "3"]);
  r.cooking_fuel = poor ? dice.pick(["1", "1", "2"]) : dice.pick(["1", "2", "3", "4"]);
  r.number_of_rooms = Math.max(1, Math.round(people.length / (poor ? 3 : 2)) + dice.int(-1, poor ? 0 : 2));

  const assetCodes = ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"];
  const owned = dice.some(assetCodes, poor ? dice.int(0, 2) : dice.int(1, 7));
  if (owned.length > 0 || dice.chance(0.5)) r.assets = owned;
  if (dice.chance(0.9)) r.mosquito_net = dice.chance(0.7);
  r.owns_land = dice.chance(0.55);
  if (r.owns_land && dice.chance(0.9)) r.land_area = Math.round(dice.int(5, 500) * (poor ? 0.25 : 1)) / 100;
  r.owns_livestock = dice.chance(0.5);
  if (r.owns_livestock) {
    r.goats = dice.int(0, 15);
    r.cattle = dice.int(0, 4);
    r.poultry = dice.int(0, 40);
  }
  r.income_sources = dice.some(["01", "02", "03", "04", "05", "06", "07", "08", "09", "10"], dice.int(1, 3));
  if (dice.chance(0.85)) r.monthly_expenditure = dice.int(poor ? 10 : 60, poor ? 120 : 900) * 500;

  // Twenty names per sex and at most twelve members: siblings never share a first name.
  const used = new Set<string>();
  const firstNames = people.map((p) => {
    const pool = (p.sex === "1" ? MALE_NAMES : FEMALE_NAMES).filter((n) => !used.has(n));
    const name = dice.pick(pool);
    used.add(name);
    return name;
  });
  const headFirstName = firstNames[0]!;
  const spouses = people.filter((p) => p.relation === "02").length;
  r[MEMBERS_ROSTER] = people.map((p, i) => {
    // A man may have a second wife living elsewhere: polygamy is not always visible in the roster.
    const couple: Marriage = spouses >= 2 ? "3" : spouses === 1 ? (dice.chance(0.1) ? "3" : "2") : false;
    const married: Marriage =
      p.relation === HEAD_OF_HOUSEHOLD || p.relation === "02"
        ? couple
        : p.relation === "04" || (p.age >= 25 && dice.chance(0.5))
          ? "2"
          : false;
    return memberAnswers(dice, p, firstNames[i]!, reference, headFirstName, married);
  });
  return r;
}
