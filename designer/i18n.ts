import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { Message } from "../schemas/contracts/api";

/** Every text of the back office, French first (DESIGN.md rule 8). `{name}` marks a value filled in by `t`. */
const fr = {
  appTitle: "RSU — Registre",
  appSubtitle: "Registre social unique de l'Union des Comores",
  languageSwitch: "Langue de l'interface",
  householdsHeading: "Ménages du registre",
  filterCommune: "Commune",
  filterCommuneCode: "Code de la commune",
  allCommunes: "Toutes les communes",
  filterName: "Nom du chef de ménage",
  search: "Rechercher",
  reset: "Effacer",
  loading: "Chargement…",
  loadFailed: "Impossible de charger les données du registre.",
  retry: "Réessayer",
  householdsCount: "{count} ménage(s)",
  noHouseholds: "Aucun ménage ne correspond à ces critères.",
  previous: "Précédent",
  next: "Suivant",
  pageOf: "Page {page} sur {pages}",
  colHead: "Chef de ménage",
  colIsland: "Île",
  colPrefecture: "Préfecture",
  colCommune: "Commune",
  colVillage: "Village",
  colMembers: "Membres",
  colCreated: "Enregistré le",
  open: "Voir le ménage de {name}",
  backToList: "Retour à la liste",
  householdHeading: "Ménage de {name}",
  unnamed: "(sans nom)",
  householdId: "Identifiant",
  sourceSubmission: "Soumission d'origine",
  updatedAt: "Mis à jour le",
  membersHeading: "Membres ({count})",
  colLine: "N°",
  colFirstName: "Prénom",
  colLastName: "Nom",
  colSex: "Sexe",
  colBirthDate: "Date de naissance",
  colRelation: "Lien avec le chef",
  colNin: "NIN",
  signInHeading: "Connexion",
  username: "Identifiant",
  password: "Mot de passe",
  signIn: "Se connecter",
  signingIn: "Connexion…",
  signOut: "Se déconnecter",
  signedInAs: "Connecté : {name}",
  sessionExpired: "Votre session a pris fin : reconnectez-vous.",
};

type Key = keyof typeof fr;

const en: Record<Key, string> = {
  appTitle: "RSU — Registry",
  appSubtitle: "Unique social registry of the Union of the Comoros",
  languageSwitch: "Interface language",
  householdsHeading: "Households in the registry",
  filterCommune: "Commune",
  filterCommuneCode: "Commune code",
  allCommunes: "All communes",
  filterName: "Name of the head of household",
  search: "Search",
  reset: "Clear",
  loading: "Loading…",
  loadFailed: "The registry data could not be loaded.",
  retry: "Retry",
  householdsCount: "{count} household(s)",
  noHouseholds: "No household matches these criteria.",
  previous: "Previous",
  next: "Next",
  pageOf: "Page {page} of {pages}",
  colHead: "Head of household",
  colIsland: "Island",
  colPrefecture: "Prefecture",
  colCommune: "Commune",
  colVillage: "Village",
  colMembers: "Members",
  colCreated: "Recorded on",
  open: "Open the household of {name}",
  backToList: "Back to the list",
  householdHeading: "Household of {name}",
  unnamed: "(no name)",
  householdId: "Id",
  sourceSubmission: "Source submission",
  updatedAt: "Updated on",
  membersHeading: "Members ({count})",
  colLine: "No.",
  colFirstName: "First name",
  colLastName: "Last name",
  colSex: "Sex",
  colBirthDate: "Date of birth",
  colRelation: "Relation to head",
  colNin: "NIN",
  signInHeading: "Sign in",
  username: "User name",
  password: "Password",
  signIn: "Sign in",
  signingIn: "Signing in…",
  signOut: "Sign out",
  signedInAs: "Signed in: {name}",
  sessionExpired: "Your session has ended: sign in again.",
};

export type Language = "fr" | "en";
export const LANGUAGES: readonly Language[] = ["fr", "en"];
const strings: Record<Language, Record<Key, string>> = { fr, en };

const LANGUAGE_CHANGE = "rsu-language-change";
const STORAGE_KEY = "rsu.designer.language";

let current: Language = savedLanguage();

export function t(key: Key, params: Record<string, string | number> = {}): string {
  return strings[current][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** A server text in the current language, French when the other is missing. */
export function pick(text: Message): string {
  return text[current] || text.fr;
}

export function formatDate(value: string, withTime = false): string {
  // A bare date (birth date) is a calendar day, not an instant: keep it from shifting with the time zone.
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00` : value);
  if (Number.isNaN(date.getTime())) return value;
  const locale = current === "fr" ? "fr-FR" : "en-GB";
  return new Intl.DateTimeFormat(locale, withTime ? { dateStyle: "medium", timeStyle: "short" } : { dateStyle: "medium" }).format(date);
}

export function getLanguage(): Language {
  return current;
}

export function setLanguage(language: Language): void {
  if (language === current) return;
  current = language;
  document.documentElement.lang = language;
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage may be refused: the choice then lasts until the page is reloaded.
  }
  window.dispatchEvent(new Event(LANGUAGE_CHANGE));
}

/** Re-renders its host when the language changes. */
export class LanguageController implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private readonly handleChange = () => this.host.requestUpdate();

  constructor(host: ReactiveControllerHost) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener(LANGUAGE_CHANGE, this.handleChange);
  }

  hostDisconnected(): void {
    window.removeEventListener(LANGUAGE_CHANGE, this.handleChange);
  }
}

function savedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "fr";
  } catch {
    return "fr";
  }
}
