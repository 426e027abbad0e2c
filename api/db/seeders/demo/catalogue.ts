import type {
  Catalogue,
  CodeList,
  Sensitivity,
  Variable,
  VariableConstraints,
  VariableLevel,
  VariableType,
} from "../../../../schemas/catalogue/types";
import { commune, island, prefecture } from "./admin-areas";

/**
 * Demonstration catalogue: the variables of a household questionnaire as the Comorian social registry
 * would collect them (identification, dwelling, assets, livelihood, and the member roster). Categories
 * follow the usual proxy-means-test questionnaires (DHS/MICS-style dwelling and asset items), adapted
 * to the islands: rainwater cisterns, pirogues, remittances from the diaspora.
 */

export const DEMO_FORM = {
  id: "menage",
  title: { fr: "Questionnaire ménage RSU", en: "RSU household questionnaire" },
} as const;

type Item = [code: string, fr: string, en: string];

function list(code: string, fr: string, en: string, items: Item[]): CodeList {
  return {
    code,
    label: { fr, en },
    items: items.map(([c, f, e]) => ({ code: c, label: { fr: f, en: e } })),
  };
}

// The themes variables are grouped by (schemas/catalogue/themes.ts): chosen from this list, never typed.
const theme = list("theme", "Thèmes", "Themes", [
  ["identification", "Identification", "Identification"],
  ["dwelling", "Logement", "Dwelling"],
  ["assets", "Biens et équipements", "Assets and equipment"],
  ["livelihood", "Moyens de subsistance", "Livelihood"],
  ["members", "Membres du ménage", "Household members"],
]);

const sex = list("sex", "Sexe", "Sex", [
  ["1", "Masculin", "Male"],
  ["2", "Féminin", "Female"],
]);

const relation = list("relation", "Lien avec le chef de ménage", "Relationship to head", [
  ["01", "Chef de ménage", "Head of household"],
  ["02", "Conjoint(e)", "Spouse"],
  ["03", "Fils / Fille", "Son / Daughter"],
  ["04", "Gendre / Belle-fille", "Son-in-law / Daughter-in-law"],
  ["05", "Petit-fils / Petite-fille", "Grandchild"],
  ["06", "Père / Mère", "Father / Mother"],
  ["07", "Frère / Sœur", "Brother / Sister"],
  ["08", "Autre parent", "Other relative"],
  ["09", "Sans lien de parenté", "Not related"],
]);

const maritalStatus = list("marital_status", "Situation matrimoniale", "Marital status", [
  ["1", "Célibataire", "Single"],
  ["2", "Marié(e), monogame", "Married, monogamous"],
  ["3", "Marié(e), polygame", "Married, polygamous"],
  ["4", "Divorcé(e)", "Divorced"],
  ["5", "Veuf / Veuve", "Widowed"],
  ["6", "Séparé(e)", "Separated"],
]);

const educationLevel = list("education_level", "Niveau d'études", "Level of education", [
  ["1", "Préscolaire", "Pre-school"],
  ["2", "École coranique", "Koranic school"],
  ["3", "Primaire", "Primary"],
  ["4", "Collège", "Lower secondary"],
  ["5", "Lycée", "Upper secondary"],
  ["6", "Formation professionnelle", "Vocational training"],
  ["7", "Supérieur", "Higher education"],
]);

const activity = list("activity", "Activité principale", "Main activity", [
  ["01", "Agriculture, élevage", "Farming, livestock"],
  ["02", "Pêche", "Fishing"],
  ["03", "Commerce", "Trade"],
  ["04", "Artisanat", "Crafts"],
  ["05", "Salarié(e) du secteur public", "Public-sector employee"],
  ["06", "Salarié(e) du secteur privé", "Private-sector employee"],
  ["07", "Élève, étudiant(e)", "Pupil, student"],
  ["08", "Travaux domestiques", "Household work"],
  ["09", "Sans emploi", "Unemployed"],
  ["10", "Retraité(e)", "Retired"],
  ["11", "Autre", "Other"],
]);

const tenure = list("tenure", "Statut d'occupation", "Tenure", [
  ["1", "Propriétaire", "Owner"],
  ["2", "Locataire", "Tenant"],
  ["3", "Logé(e) gratuitement", "Housed free of charge"],
  ["4", "Autre", "Other"],
]);

const wallMaterial = list("wall_material", "Matériau des murs", "Wall material", [
  ["1", "Parpaings, béton", "Concrete blocks"],
  ["2", "Pierres", "Stone"],
  ["3", "Tôle", "Metal sheets"],
  ["4", "Torchis, terre", "Mud, wattle and daub"],
  ["5", "Feuilles de cocotier tressées", "Woven coconut leaves"],
  ["6", "Bois, planches", "Wood, planks"],
  ["7", "Autre", "Other"],
]);

const roofMaterial = list("roof_material", "Matériau du toit", "Roof material", [
  ["1", "Tôle", "Metal sheets"],
  ["2", "Dalle en béton", "Concrete slab"],
  ["3", "Feuilles de cocotier, paille", "Coconut leaves, thatch"],
  ["4", "Tuiles", "Tiles"],
  ["5", "Autre", "Other"],
]);

const floorMaterial = list("floor_material", "Matériau du sol", "Floor material", [
  ["1", "Carrelage", "Tiles"],
  ["2", "Ciment", "Cement"],
  ["3", "Terre battue", "Earth"],
  ["4", "Sable", "Sand"],
  ["5", "Bois", "Wood"],
  ["6", "Autre", "Other"],
]);

const waterSource = list("water_source", "Source d'eau de boisson", "Drinking water source", [
  ["01", "Robinet dans le logement", "Piped into dwelling"],
  ["02", "Robinet dans la cour", "Piped into yard"],
  ["03", "Borne-fontaine publique", "Public standpipe"],
  ["04", "Puits protégé", "Protected well"],
  ["05", "Puits non protégé", "Unprotected well"],
  ["06", "Citerne d'eau de pluie", "Rainwater cistern"],
  ["07", "Source, rivière", "Spring, river"],
  ["08", "Camion-citerne, vendeur d'eau", "Tanker truck, water vendor"],
  ["09", "Autre", "Other"],
]);

const toiletType = list("toilet_type", "Type de toilettes", "Toilet facility", [
  ["1", "WC avec chasse d'eau", "Flush toilet"],
  ["2", "Latrine améliorée ventilée", "Ventilated improved pit latrine"],
  ["3", "Latrine à fosse avec dalle", "Pit latrine with slab"],
  ["4", "Latrine à fosse sans dalle", "Pit latrine without slab"],
  ["5", "Pas de toilettes (nature)", "No facility (open defecation)"],
  ["6", "Autre", "Other"],
]);

const lightingSource = list("lighting_source", "Source d'éclairage", "Lighting source", [
  ["1", "Électricité du réseau", "Grid electricity"],
  ["2", "Groupe électrogène", "Generator"],
  ["3", "Panneau solaire", "Solar panel"],
  ["4", "Lampe à pétrole", "Kerosene lamp"],
  ["5", "Torche, bougie", "Torch, candle"],
  ["6", "Autre", "Other"],
]);

const cookingFuel = list("cooking_fuel", "Combustible de cuisine", "Cooking fuel", [
  ["1", "Bois", "Firewood"],
  ["2", "Charbon de bois", "Charcoal"],
  ["3", "Pétrole", "Kerosene"],
  ["4", "Gaz", "Gas"],
  ["5", "Électricité", "Electricity"],
  ["6", "Autre", "Other"],
]);

const assets = list("assets", "Biens durables", "Durable assets", [
  ["01", "Radio", "Radio"],
  ["02", "Télévision", "Television"],
  ["03", "Téléphone portable", "Mobile phone"],
  ["04", "Réfrigérateur, congélateur", "Refrigerator, freezer"],
  ["05", "Bicyclette", "Bicycle"],
  ["06", "Moto, scooter", "Motorbike, scooter"],
  ["07", "Voiture", "Car"],
  ["08", "Pirogue, bateau", "Pirogue, boat"],
  ["09", "Machine à coudre", "Sewing machine"],
  ["10", "Ordinateur", "Computer"],
  ["11", "Ventilateur", "Fan"],
  ["12", "Fer à repasser", "Iron"],
]);

const incomeSource = list("income_source", "Sources de revenu", "Income sources", [
  ["01", "Agriculture", "Farming"],
  ["02", "Élevage", "Livestock"],
  ["03", "Pêche", "Fishing"],
  ["04", "Commerce", "Trade"],
  ["05", "Salaire", "Wages"],
  ["06", "Artisanat", "Crafts"],
  ["07", "Transferts de la diaspora", "Remittances from the diaspora"],
  ["08", "Pension, retraite", "Pension"],
  ["09", "Aide sociale", "Social assistance"],
  ["10", "Autre", "Other"],
]);

interface VarOptions {
  constraints?: VariableConstraints;
  codeList?: string;
  sensitivity?: Sensitivity;
}

function v(
  code: string,
  level: VariableLevel,
  type: VariableType,
  theme: string,
  label: [fr: string, en: string],
  options: VarOptions = {},
): Variable {
  return {
    code,
    level,
    type,
    theme,
    label: { fr: label[0], en: label[1] },
    sensitivity: options.sensitivity ?? "internal",
    ...(options.codeList ? { codeList: options.codeList } : {}),
    ...(options.constraints ? { constraints: options.constraints } : {}),
  };
}

const H = "household" as const;
const I = "individual" as const;
const COUNT = { min: 0, max: 500 };

const variables: Variable[] = [
  // Identification. Administrative areas are public: published statistics are broken down by them.
  v("island", H, "single_choice", "identification", ["Île", "Island"], { codeList: "island", sensitivity: "public" }),
  v("prefecture", H, "single_choice", "identification", ["Préfecture", "Prefecture"], {
    codeList: "prefecture",
    sensitivity: "public",
  }),
  v("commune", H, "single_choice", "identification", ["Commune", "Commune"], { codeList: "commune", sensitivity: "public" }),
  v("village", H, "text", "identification", ["Village ou quartier", "Village or neighbourhood"], {
    constraints: { maxLength: 80 },
  }),
  v("address", H, "text", "identification", ["Adresse ou point de repère", "Address or landmark"], {
    constraints: { maxLength: 200 },
    sensitivity: "personal",
  }),
  v("interview_date", H, "date", "identification", ["Date de l'entretien", "Interview date"]),
  // Comorian numbers have seven digits after the +269 country code.
  v("phone", H, "text", "identification", ["Numéro de téléphone du ménage", "Household phone number"], {
    constraints: { pattern: "^[0-9]{7}$" },
    sensitivity: "personal",
  }),

  // Dwelling.
  v("dwelling_tenure", H, "single_choice", "dwelling", ["Statut d'occupation du logement", "Dwelling tenure"], {
    codeList: "tenure",
  }),
  v("wall_material", H, "single_choice", "dwelling", ["Matériau principal des murs", "Main wall material"], {
    codeList: "wall_material",
  }),
  v("roof_material", H, "single_choice", "dwelling", ["Matériau principal du toit", "Main roof material"], {
    codeList: "roof_material",
  }),
  v("floor_material", H, "single_choice", "dwelling", ["Matériau principal du sol", "Main floor material"], {
    codeList: "floor_material",
  }),
  v("water_source", H, "single_choice", "dwelling", ["Principale source d'eau de boisson", "Main drinking water source"], {
    codeList: "water_source",
  }),
  v("toilet_type", H, "single_choice", "dwelling", ["Type de toilettes utilisées", "Toilet facility used"], {
    codeList: "toilet_type",
  }),
  v("lighting_source", H, "single_choice", "dwelling", ["Principale source d'éclairage", "Main lighting source"], {
    codeList: "lighting_source",
  }),
  v("cooking_fuel", H, "single_choice", "dwelling", ["Principal combustible de cuisine", "Main cooking fuel"], {
    codeList: "cooking_fuel",
  }),
  v("number_of_rooms", H, "integer", "dwelling", ["Nombre de pièces d'habitation", "Number of living rooms"], {
    constraints: { min: 1, max: 30 },
  }),

  // Assets.
  v("assets", H, "multiple_choice", "assets", ["Biens possédés par le ménage", "Assets owned by the household"], {
    codeList: "assets",
  }),
  v("mosquito_net", H, "boolean", "assets", ["Le ménage possède-t-il une moustiquaire ?", "Does the household own a mosquito net?"]),
  v("owns_land", H, "boolean", "assets", ["Le ménage possède-t-il des terres ?", "Does the household own land?"]),
  v("land_area", H, "decimal", "assets", ["Superficie des terres (hectares)", "Land area (hectares)"], {
    constraints: { min: 0, max: 500 },
  }),
  v("owns_livestock", H, "boolean", "assets", ["Le ménage élève-t-il du bétail ?", "Does the household keep livestock?"]),
  v("goats", H, "integer", "assets", ["Nombre de chèvres", "Number of goats"], { constraints: COUNT }),
  v("cattle", H, "integer", "assets", ["Nombre de bovins", "Number of cattle"], { constraints: COUNT }),
  v("poultry", H, "integer", "assets", ["Nombre de volailles", "Number of poultry"], { constraints: COUNT }),

  // Livelihood. Three sources at most: the question asks for the main ones, ranked by the clerk.
  v(
    "income_sources",
    H,
    "multiple_choice",
    "livelihood",
    ["Principales sources de revenu (3 au plus)", "Main income sources (at most 3)"],
    {
      codeList: "income_source",
      constraints: { maxSelected: 3 },
    },
  ),
  v("monthly_expenditure", H, "integer", "livelihood", ["Dépenses mensuelles du ménage (KMF)", "Monthly household expenditure (KMF)"], {
    constraints: { min: 0, max: 5_000_000 },
  }),

  // Members: one value per person of the roster.
  v("first_name", I, "text", "members", ["Prénom", "First name"], { constraints: { maxLength: 60 }, sensitivity: "personal" }),
  v("last_name", I, "text", "members", ["Nom", "Last name"], { constraints: { maxLength: 60 }, sensitivity: "personal" }),
  v("sex", I, "single_choice", "members", ["Sexe", "Sex"], { codeList: "sex" }),
  v("birth_date", I, "date", "members", ["Date de naissance", "Date of birth"], { sensitivity: "personal" }),
  v("relation_to_head", I, "single_choice", "members", ["Lien avec le chef de ménage", "Relationship to head of household"], {
    codeList: "relation",
  }),
  v("nin", I, "text", "members", ["Numéro d'identification nationale (NIN)", "National identification number (NIN)"], {
    constraints: { pattern: "^[0-9]{9}$" },
    sensitivity: "personal",
  }),
  v("has_birth_certificate", I, "boolean", "members", ["Possède un acte de naissance", "Has a birth certificate"]),
  v("marital_status", I, "single_choice", "members", ["Situation matrimoniale", "Marital status"], {
    codeList: "marital_status",
  }),
  v("literate", I, "boolean", "members", ["Sait lire et écrire", "Can read and write"]),
  v("attends_school", I, "boolean", "members", ["Fréquente actuellement l'école", "Currently attends school"]),
  v("education_level", I, "single_choice", "members", ["Niveau d'études en cours", "Current level of schooling"], {
    codeList: "education_level",
  }),
  v("main_activity", I, "single_choice", "members", ["Activité principale", "Main activity"], { codeList: "activity" }),
  v("disability", I, "boolean", "members", ["Vit avec un handicap", "Lives with a disability"], { sensitivity: "sensitive" }),
  v("chronic_illness", I, "boolean", "members", ["Souffre d'une maladie chronique", "Has a chronic illness"], {
    sensitivity: "sensitive",
  }),
];

export const demoCatalogue: Catalogue = {
  variables,
  codeLists: [
    island,
    prefecture,
    commune,
    sex,
    relation,
    maritalStatus,
    educationLevel,
    activity,
    tenure,
    wallMaterial,
    roofMaterial,
    floorMaterial,
    waterSource,
    toiletType,
    lightingSource,
    cookingFuel,
    assets,
    incomeSource,
    theme,
  ],
};
