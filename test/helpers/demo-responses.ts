import { MEMBERS_ROSTER } from "../../schemas/contracts/registry";
import { FEMALE_NAMES, LANDMARKS, LAST_NAMES, MALE_NAMES, VILLAGES } from "../../api/db/seeders/demo/comorian-names";
import { Dice, prng, validHousehold, type Member, type Response } from "../../api/db/seeders/demo/household-answers";

/**
 * The demo's household generator lives with the demo seed (npm start seeds a registry with it); tests and
 * benches use it too, with the breakages below: responses made invalid in one known way each, to compare
 * the server's verdict with survey-core's.
 */
export * from "../../api/db/seeders/demo/household-answers";

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
