/**
 * The bench's households (bench/integrate.ts): the demo mask's generator with Comorian names, drawn by how
 * common they are and spelt as clerks spell them.
 */
import { MEMBERS_ROSTER } from "../../schemas/contracts/registry";
import { Dice, prng, validHousehold, type Member, type Response } from "../../test/helpers/demo-responses";

// Given names by sex and how common they are (a rough Zipf order), each with the spellings clerks use.
const MALE: [string[], number][] = [
  [["Mohamed", "Mohammed", "Mouhamad", "Mhamadi", "Mohamadi"], 30],
  [["Said", "Saïd", "Saidi"], 18],
  [["Ali", "Aly"], 16],
  [["Ahmed", "Ahamada", "Ahmad", "Ahamadi"], 14],
  [["Abdallah", "Abdoulah", "Abdallahi"], 12],
  [["Youssouf", "Yousouf"], 9],
  [["Ibrahim", "Ibrahima"], 8],
  [["Houmadi", "Hamadi"], 8],
  [["Soilihi", "Swalihi"], 7],
  [["Madi"], 7],
  [["Abdou"], 7],
  [["Nourdine", "Nour Eddine"], 5],
  [["Djaffar", "Jaffar"], 4],
  [["Hamidou", "Hamidi"], 5],
  [["Salim"], 4],
  [["Moussa"], 5],
  [["Issa"], 4],
  [["Chamsoudine"], 3],
  [["Fahardine"], 3],
  [["Anrifi"], 2],
  [["Athoumani", "Attoumane"], 5],
  [["Assoumani"], 4],
  [["Hassani", "Hassane"], 5],
  [["Houssein", "Hussein"], 4],
  [["Oumar", "Omar"], 4],
  [["Idriss", "Idrissa"], 3],
  [["Soulaimana", "Souleymane"], 3],
  [["Mchangama"], 2],
  [["Toihir", "Twahir"], 3],
  [["Dhoihir", "Doihir"], 3],
  [["Bacar"], 4],
  [["Combo"], 2],
  [["Boina"], 2],
  [["Msaidie"], 2],
  [["Kassim"], 3],
  [["Ismael"], 2],
  [["Bourhane"], 2],
  [["Mzé Ali"], 1],
  [["Nassur", "Nassour"], 2],
  [["Zoubeir"], 1],
  [["Kamal"], 1],
  [["Ousseni"], 2],
  [["Radjabou"], 1],
  [["Sidi"], 2],
  [["Ahmada"], 2],
];
const FEMALE: [string[], number][] = [
  [["Fatima", "Fatouma", "Fatoumia"], 20],
  [["Zaharia", "Zahariya"], 10],
  [["Mariama", "Maryam"], 10],
  [["Anfiati"], 5],
  [["Echati"], 4],
  [["Hadidja", "Hadidjah"], 7],
  [["Moinaecha", "Mwanaecha"], 5],
  [["Sitti", "Siti"], 6],
  [["Roukia", "Rukia"], 5],
  [["Nadjma"], 4],
  [["Zalifa"], 3],
  [["Faïza", "Faiza"], 4],
  [["Amina"], 7],
  [["Nassra"], 3],
  [["Chamsia", "Shamsia"], 3],
  [["Mouniati"], 3],
  [["Halima"], 6],
  [["Rahamatou"], 3],
  [["Saandia"], 3],
  [["Oumi"], 3],
  [["Zainaba", "Zeinab"], 6],
  [["Aïcha", "Aicha"], 7],
  [["Mwanaïdi", "Mwanaidi"], 3],
  [["Koulthoum", "Kalthoum"], 3],
  [["Soifiat"], 2],
  [["Hidaya"], 2],
  [["Rachida"], 3],
  [["Anzoumati"], 2],
  [["Nourou"], 2],
  [["Djamila", "Jamila"], 3],
  [["Salama"], 2],
  [["Hamida"], 2],
];

export function nameDrawer(dice: Dice) {
  const pick = (pool: [string[], number][]) => {
    const spellings = dice.weighted(pool);
    // The usual spelling four times out of five, a variant otherwise.
    return dice.chance(0.8) ? spellings[0]! : dice.pick(spellings);
  };
  return { male: () => pick(MALE), female: () => pick(FEMALE) };
}

/** A demo household with names redrawn from the lists above; children carry their father's given name. */
export function generatedHousehold(seed: number): Response {
  const data = validHousehold(seed);
  const names = nameDrawer(new Dice(prng(seed ^ 0x5eed)));
  const members = data[MEMBERS_ROSTER] as Member[];
  const used = new Set<string>();
  for (const m of members) {
    let first: string;
    do first = m.sex === "1" ? names.male() : names.female();
    while (used.has(first) && used.size < 40);
    used.add(first);
    m.first_name = first;
    m.last_name = names.male();
  }
  const head = members[0]!;
  const father = head.sex === "1" ? head.first_name : names.male();
  for (const m of members) if (m.relation_to_head === "03" || m.relation_to_head === "05") m.last_name = father;
  return data;
}

/** Another spelling clerks use for `name` (Mohamed → Mouhamad), or null when the lists know none. */
export function otherSpelling(name: string, dice: Dice): string | null {
  const family = [...MALE, ...FEMALE].find(([spellings]) => spellings.includes(name))?.[0];
  const others = family?.filter((s) => s !== name) ?? [];
  return others.length ? dice.pick(others) : null;
}
