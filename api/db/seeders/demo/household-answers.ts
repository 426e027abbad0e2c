import { commune, prefecture } from "./admin-areas";
import { HEAD_OF_HOUSEHOLD, MEMBERS_ROSTER } from "../../../../schemas/contracts/registry";

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

const MALE_NAMES = [
  "Mohamed",
  "Said",
  "Ali",
  "Ahmed",
  "Abdallah",
  "Youssouf",
  "Ibrahim",
  "Nourdine",
  "Soilihi",
  "Houmadi",
  "Ahamada",
  "Madi",
  "Djaffar",
  "Hamidou",
  "Salim",
  "Moussa",
  "Issa",
  "Chamsoudine",
  "Fahardine",
  "Anrifi",
] as const;
const FEMALE_NAMES = [
  "Fatima",
  "Zaharia",
  "Mariama",
  "Anfiati",
  "Echati",
  "Hadidja",
  "Moinaecha",
  "Sitti",
  "Roukia",
  "Nadjma",
  "Zalifa",
  "Faïza",
  "Amina",
  "Nassra",
  "Chamsia",
  "Mouniati",
  "Halima",
  "Rahamatou",
  "Saandia",
  "Oumi",
] as const;
/** Comorian family names are usually a father's or grandfather's given name. */
const LAST_NAMES = [
  "Said",
  "Mohamed",
  "Ali",
  "Abdou",
  "Soilihi",
  "Madi",
  "Ahamada",
  "Houmadi",
  "Msaidie",
  "Toihir",
  "Abdallah",
  "Mze",
  "Bacar",
  "Combo",
  "Attoumane",
  "Assoumani",
  "Mchangama",
  "Youssouf",
  "Dhoihir",
  "Boina",
] as const;

const VILLAGES: Record<string, readonly string[]> = {
  "1": [
    "Iconi",
    "Mitsoudjé",
    "Ntsoudjini",
    "Mbéni",
    "Foumbouni",
    "Koimbani",
    "Hahaya",
    "Séléa",
    "Ivembeni",
    "Chezani",
    "Moroni Badjanani",
    "Singani",
  ],
  "2": ["Mutsamudu Hampanga", "Ouani", "Domoni", "Mirontsy", "Ongojou", "Bambao Mtsanga", "Tsembéhou", "Sima", "Moya", "Pomoni"],
  "3": ["Fomboni", "Djoiezi", "Nioumachoua", "Wanani", "Hoani", "Miringoni", "Ouallah", "Itsamia"],
};
const LANDMARKS = [
  "près de la mosquée du vendredi",
  "derrière l'école primaire",
  "face au marché",
  "à côté du foyer des jeunes",
  "près de la place publique (bangwe)",
  "route du port",
  "en face de la pharmacie",
  "près du dispensaire",
] as const;

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

/** Breakages that survey-core's own `validate(false)` reports on otherwise valid, type-correct data. */
export const BREAKAGES = ["missing_required", "out_of_range", "pattern_mismatch", "too_long", "no_members"] as const;
/**
 * Breakages the form's user interface prevents (no "add" button at maxPanelCount, checkboxes disabled
 * at maxSelectedChoices) but that survey-core 2.3.0's `validate()` does not report: a server must refuse
 * them all the same, so they are offered on request only (`includeUiOnly`).
 */
export const UI_ONLY_BREAKAGES = ["too_many_selected", "too_many_members"] as const;
/** An answer to a question hidden by its condition: survey-core ignores it, the server refuses it. */
export const HIDDEN_ANSWERED = "hidden_answered" as const;

export type Breakage = (typeof BREAKAGES)[number] | (typeof UI_ONLY_BREAKAGES)[number] | typeof HIDDEN_ANSWERED;

export interface GeneratedResponse {
  data: Response;
  intendedInvalid: Breakage | null;
  /** Which answer was broken: `phone`, `members` or `members[2].first_name`. */
  where?: string;
}

export interface GenerateOptions {
  /** Share of responses with an answer to a hidden question, on top of `invalidShare`. Default: a quarter of it. */
  hiddenShare?: number;
  includeUiOnly?: boolean;
}

const MAX_MEMBERS = 20;

function members(r: Response): Member[] {
  const list = r[MEMBERS_ROSTER];
  if (!Array.isArray(list)) throw new Error("response without a roster");
  return list as Member[];
}

/** A string of exactly `length` characters made of names, with no space at either end. */
function longText(dice: Dice, length: number, words: readonly string[]): string {
  let s = dice.pick(words);
  while (s.length < length) s += (dice.chance(0.5) ? " " : "-") + dice.pick(words);
  s = s.slice(0, length);
  return s.endsWith(" ") || s.endsWith("-") ? `${s.slice(0, -1)}a` : s;
}

type Break = (r: Response, dice: Dice) => string;

/**
 * Each breaks exactly one answer. Answers that other questions depend on (island, prefecture,
 * owns_land, owns_livestock, birth_date, attends_school) are never removed, since that would also
 * hide or orphan their dependents and so make a second error.
 */
const BREAKERS: Record<Exclude<Breakage, typeof HIDDEN_ANSWERED>, Break> = {
  missing_required(r, dice) {
    if (dice.chance(0.5)) {
      const code = dice.pick([
        "commune",
        "village",
        "interview_date",
        "dwelling_tenure",
        "wall_material",
        "roof_material",
        "floor_material",
        "water_source",
        "toilet_type",
        "lighting_source",
        "cooking_fuel",
        "number_of_rooms",
      ]);
      delete r[code];
      return code;
    }
    const list = members(r);
    const i = dice.int(0, list.length - 1);
    // Removing the head's relation would also leave the household without a head: a second error.
    const code = dice.pick(i === 0 ? ["first_name", "last_name", "sex"] : ["first_name", "last_name", "sex", "relation_to_head"]);
    delete list[i]![code];
    return `${MEMBERS_ROSTER}[${i}].${code}`;
  },
  out_of_range(r, dice) {
    const options: [string, number][] = [
      ["number_of_rooms", dice.chance(0.3) ? 0 : dice.int(31, 99)],
      ["monthly_expenditure", dice.chance(0.5) ? -500 * dice.int(1, 100) : 5_000_000 + 500 * dice.int(1, 4000)],
    ];
    if (r.owns_livestock === true) options.push([dice.pick(["goats", "cattle", "poultry"]), dice.int(501, 5000)]);
    if (r.owns_land === true) options.push(["land_area", dice.int(50_050, 200_000) / 100]);
    const [code, value] = dice.pick(options);
    r[code] = value;
    return code;
  },
  pattern_mismatch(r, dice) {
    if (dice.chance(0.5)) {
      r.phone = dice.pick([
        dice.digits(6),
        dice.digits(8),
        `+269${dice.digits(7)}`,
        `${dice.digits(3)} ${dice.digits(2)} ${dice.digits(2)}`,
      ]);
      return "phone";
    }
    const list = members(r);
    const i = dice.int(0, list.length - 1);
    list[i]!.nin = dice.pick([dice.digits(8), dice.digits(10), `KM${dice.digits(7)}`]);
    return `${MEMBERS_ROSTER}[${i}].nin`;
  },
  too_long(r, dice) {
    const where = dice.int(0, 3);
    if (where === 0) {
      r.village = longText(dice, dice.int(81, 120), Object.values(VILLAGES).flat());
      return "village";
    }
    if (where === 1) {
      r.address = longText(dice, dice.int(201, 260), [...LANDMARKS, "Quartier", "Moroni"]);
      return "address";
    }
    const list = members(r);
    const i = dice.int(0, list.length - 1);
    const code = where === 2 ? "first_name" : "last_name";
    list[i]![code] = longText(dice, dice.int(61, 90), [...MALE_NAMES, ...FEMALE_NAMES, ...LAST_NAMES]);
    return `${MEMBERS_ROSTER}[${i}].${code}`;
  },
  no_members(r) {
    r[MEMBERS_ROSTER] = [];
    return MEMBERS_ROSTER;
  },
  too_many_selected(r, dice) {
    r.income_sources = dice.some(["01", "02", "03", "04", "05", "06", "07", "08", "09", "10"], dice.int(4, 6));
    return "income_sources";
  },
  too_many_members(r, dice) {
    const list = members(r);
    const target = dice.int(MAX_MEMBERS + 1, MAX_MEMBERS + 4);
    // Borrow non-head members of other households: each added member is itself valid.
    for (let k = 1; list.length < target; k++) {
      list.push(...members(validHousehold(dice.int(0, 2 ** 31) + k)).slice(1));
    }
    list.length = target;
    return MEMBERS_ROSTER;
  },
};

function answerHidden(r: Response, dice: Dice): string {
  const list = members(r);
  const outOfSchool = list.flatMap((m, i) => (m.attends_school === false ? [i] : []));
  const options: (() => string)[] = [];
  if (outOfSchool.length > 0) {
    options.push(() => {
      const i = dice.pick(outOfSchool);
      list[i]!.education_level = dice.pick(["3", "4", "5"]);
      return `${MEMBERS_ROSTER}[${i}].education_level`;
    });
  }
  if (r.owns_livestock === false)
    options.push(() => {
      r.goats = dice.int(1, 12);
      return "goats";
    });
  if (r.owns_land === false)
    options.push(() => {
      r.land_area = dice.int(10, 300) / 100;
      return "land_area";
    });
  if (options.length === 0) {
    // Everyone old enough is at school: taking one out keeps their level, now hidden.
    const i = list.findIndex((m) => m.attends_school === true);
    list[i]!.attends_school = false;
    return `${MEMBERS_ROSTER}[${i}].education_level`;
  }
  return dice.pick(options)();
}

/**
 * `count` responses: exactly round(count × invalidShare) broken in one way each (the kinds in turn, so
 * every kind appears), round(count × hiddenShare) with a hidden question answered, the rest valid.
 */
export function generateResponses(count: number, invalidShare: number, seed: number, options: GenerateOptions = {}): GeneratedResponse[] {
  const dice = new Dice(prng(seed ^ 0x5bd1e995));
  const kinds: Exclude<Breakage, typeof HIDDEN_ANSWERED>[] = [...BREAKAGES, ...(options.includeUiOnly ? UI_ONLY_BREAKAGES : [])];
  const nInvalid = Math.min(count, Math.round(count * invalidShare));
  const nHidden = Math.min(count - nInvalid, Math.round(count * (options.hiddenShare ?? invalidShare / 4)));

  const plan: (Breakage | null)[] = Array.from({ length: count }, (_, i) =>
    i < nInvalid ? kinds[i % kinds.length]! : i < nInvalid + nHidden ? HIDDEN_ANSWERED : null,
  );
  for (let i = plan.length - 1; i > 0; i--) {
    const j = dice.int(0, i);
    [plan[i], plan[j]] = [plan[j]!, plan[i]!];
  }

  return plan.map((kind, i) => {
    const data = validHousehold((Math.imul(seed, 0x9e3779b1) + i) >>> 0);
    if (kind === null) return { data, intendedInvalid: null };
    const where = kind === HIDDEN_ANSWERED ? answerHidden(data, dice) : BREAKERS[kind](data, dice);
    return { data, intendedInvalid: kind, where };
  });
}
