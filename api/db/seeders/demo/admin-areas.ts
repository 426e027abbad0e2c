import type { CodeList, CodeListItem } from "../../../../schemas/catalogue/types";

/**
 * Administrative hierarchy of the Union of the Comoros: islands, prefectures, and the communes of the
 * 2011 decentralisation (28 on Ngazidja, 20 on Ndzuwani, 6 on Mwali). Mayotte is not part of the Union.
 *
 * Codes are written out rather than derived from list order so that inserting a commune later never
 * renumbers the others: stored answers keep their meaning. Each code starts with its parent's code.
 *
 * The commune names are compiled from general knowledge for the demonstration data set; before a real
 * deployment they must be checked against the official list (décret of the ministry of the interior).
 */

type Area = [code: string, name: string];

interface PrefectureData {
  code: string;
  name: string;
  communes: Area[];
}

interface IslandData {
  code: string;
  label: { fr: string; en: string };
  prefectures: PrefectureData[];
}

const AREAS: IslandData[] = [
  {
    code: "1",
    label: { fr: "Ngazidja (Grande Comore)", en: "Ngazidja (Grand Comoro)" },
    prefectures: [
      {
        code: "101",
        name: "Moroni-Bambao",
        communes: [
          ["10101", "Moroni"],
          ["10102", "Bambao ya Hari"],
          ["10103", "Bambao ya Mboini"],
          ["10104", "Bambao ya Djou"],
        ],
      },
      {
        code: "102",
        name: "Hambou",
        communes: [
          ["10201", "Hambou"],
          ["10202", "Djoumoipanga"],
        ],
      },
      {
        code: "103",
        name: "Mbadjini-Ouest",
        communes: [
          ["10301", "Ngouengwe"],
          ["10302", "Nioumagama"],
          ["10303", "Dembéni"],
        ],
      },
      {
        code: "104",
        name: "Mbadjini-Est",
        communes: [
          ["10401", "Itsahidi"],
          ["10402", "Domba"],
          ["10403", "Pimba"],
        ],
      },
      {
        code: "105",
        name: "Oichili-Dimani",
        communes: [
          ["10501", "Oichili Yadjou"],
          ["10502", "Dimani"],
          ["10503", "Koimbani"],
        ],
      },
      {
        code: "106",
        name: "Hamahamet-Mboinkou",
        communes: [
          ["10601", "Hamahamet"],
          ["10602", "Mboinkou"],
          ["10603", "Nyumamilima"],
        ],
      },
      {
        code: "107",
        name: "Mitsamiouli-Mboudé",
        communes: [
          ["10701", "Mitsamiouli"],
          ["10702", "Cembenoi Lac Salé"],
          ["10703", "Cembenoi Sada Djoulamlima"],
          ["10704", "Mbudé Nyumamro Kiblani"],
          ["10705", "Nyuma Msiru"],
          ["10706", "Ntsaouéni"],
        ],
      },
      {
        code: "108",
        name: "Itsandra-Hamanvou",
        communes: [
          ["10801", "Itsandra Mdjini"],
          ["10802", "Itsandraya"],
          ["10803", "Hamanvou"],
          ["10804", "Djoumoichongo"],
        ],
      },
    ],
  },
  {
    code: "2",
    label: { fr: "Ndzuwani (Anjouan)", en: "Ndzuwani (Anjouan)" },
    prefectures: [
      {
        code: "201",
        name: "Mutsamudu",
        communes: [
          ["20101", "Mutsamudu"],
          ["20102", "Mirontsy"],
          ["20103", "Bazimini"],
          ["20104", "Bandrani"],
        ],
      },
      {
        code: "202",
        name: "Ouani",
        communes: [
          ["20201", "Ouani"],
          ["20202", "Bambao Mtsanga"],
          ["20203", "Jimlimé"],
          ["20204", "Koni"],
        ],
      },
      {
        code: "203",
        name: "Domoni",
        communes: [
          ["20301", "Domoni"],
          ["20302", "Bambao Mtrouni"],
          ["20303", "Tsembéhou"],
          ["20304", "Dzialandzé"],
        ],
      },
      {
        code: "204",
        name: "Mrémani",
        communes: [
          ["20401", "Mrémani"],
          ["20402", "Adda-Daouéni"],
          ["20403", "Ongojou"],
          ["20404", "Chaouéni"],
        ],
      },
      {
        code: "205",
        name: "Sima",
        communes: [
          ["20501", "Sima"],
          ["20502", "Bimbini"],
          ["20503", "Vouani"],
          ["20504", "Moya"],
        ],
      },
    ],
  },
  {
    code: "3",
    label: { fr: "Mwali (Mohéli)", en: "Mwali (Mohéli)" },
    prefectures: [
      {
        code: "301",
        name: "Fomboni",
        communes: [
          ["30101", "Fomboni"],
          ["30102", "Moimbao"],
        ],
      },
      {
        code: "302",
        name: "Nioumachoua",
        communes: [
          ["30201", "Nioumachoua"],
          ["30202", "Mlédjélé"],
        ],
      },
      {
        code: "303",
        name: "Djando",
        communes: [
          ["30301", "Djando"],
          ["30302", "Mwali Mdjini"],
        ],
      },
    ],
  },
];

/** Place names are the same in French and English. */
const named = (code: string, name: string, parent: string): CodeListItem => ({
  code,
  label: { fr: name, en: name },
  parent,
});

export const island: CodeList = {
  code: "island",
  label: { fr: "Îles", en: "Islands" },
  items: AREAS.map((i) => ({ code: i.code, label: { ...i.label } })),
};

export const prefecture: CodeList = {
  code: "prefecture",
  label: { fr: "Préfectures", en: "Prefectures" },
  parentList: "island",
  items: AREAS.flatMap((i) => i.prefectures.map((p) => named(p.code, p.name, i.code))),
};

export const commune: CodeList = {
  code: "commune",
  label: { fr: "Communes", en: "Communes" },
  parentList: "prefecture",
  items: AREAS.flatMap((i) => i.prefectures.flatMap((p) => p.communes.map(([code, name]) => named(code, name, p.code)))),
};
