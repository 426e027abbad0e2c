import type { Message } from "../schemas/contracts/api";

/** Every text of the runtime, French first (DESIGN.md rule 8). `{name}` marks a value filled in by `t`. */
const fr = {
  appTitle: "RSU — Saisie des ménages",
  appSubtitle: "Registre social unique de l'Union des Comores",
  languageSwitch: "Langue de l'interface",
  formsHeading: "Questionnaires publiés",
  formsLoading: "Chargement des questionnaires…",
  formsEmpty: "Aucun questionnaire n'est publié pour le moment.",
  formsFailed: "Impossible de charger la liste des questionnaires.",
  formVersion: "Version {version}",
  formPublishedOn: "Publiée le {date}",
  formFill: "Remplir",
  formFillLabel: "Remplir le questionnaire « {title} »",
  backToList: "Retour à la liste",
  formLoading: "Chargement du questionnaire…",
  formFailed: "Impossible de charger ce questionnaire.",
  retry: "Réessayer",
  sending: "Envoi du questionnaire…",
  accepted: "Questionnaire reçu. Intégration au registre en cours…",
  integrated: "Intégré au registre",
  householdId: "Identifiant du ménage : {id}",
  stillPending:
    "Le questionnaire est bien reçu, mais son intégration prend plus de temps que prévu. Vous pouvez continuer : il sera intégré automatiquement.",
  submissionRef: "Référence de l'envoi : {id}",
  refusedInvalid: "Le registre a refusé ce questionnaire. Corrigez les réponses signalées puis envoyez-le de nouveau.",
  refusedRejected: "Ce questionnaire a été rejeté par le registre.",
  fieldErrorsHeading: "Réponses à corriger",
  fieldErrorsIntro: "Le serveur a relevé des erreurs. Corrigez-les puis terminez à nouveau le questionnaire.",
  goToQuestion: "Aller à la question",
  colon: "\u202f:",
  rosterItem: "{roster} n° {number}",
  networkError: "Impossible de joindre le serveur. Vos réponses sont conservées sur cette page ; réessayez dès que la connexion revient.",
  serverError: "Le serveur a répondu par une erreur (HTTP {status}).",
  correct: "Corriger les réponses",
  newQuestionnaire: "Nouveau questionnaire",
  checkingSession: "Vérification de la session…",
  signInHeading: "Connexion",
  signInIntro: "Connectez-vous avec l'identifiant et le mot de passe que vous a remis votre superviseur.",
  username: "Identifiant",
  password: "Mot de passe",
  signIn: "Se connecter",
  signingIn: "Connexion…",
  signOut: "Se déconnecter",
  signedInAs: "Connecté : {name}",
  sessionExpired: "Votre session a pris fin. Reconnectez-vous : les réponses en cours sont conservées.",
  serverUnreachable: "Impossible de joindre le serveur. Vérifiez la connexion puis réessayez.",
  notSentSessionEnded: "Le questionnaire n'a pas été envoyé : la session avait pris fin. Une fois reconnecté(e), appuyez sur « Réessayer ».",  viewsNav: "Écrans",
  navForms: "Questionnaires",
  navHouseholds: "Ménages de ma zone",
  areaHeading: "Ménages de ma zone",
  areaIntro: "Ménages déjà enregistrés dans votre zone de travail : {areas}.",
  areaNone: "aucune zone ne vous est attribuée",
  areaLoading: "Chargement des ménages…",
  areaFailed: "Impossible de charger les ménages de votre zone.",
  areaEmpty: "Aucun ménage n'est encore enregistré dans votre zone.",
  areaCount: "{count} ménage(s) enregistré(s)",
  colHead: "Chef de ménage",
  colPrefecture: "Préfecture",
  colCommune: "Commune",
  colVillage: "Village",
  colMembers: "Membres",
  colRecorded: "Enregistré le",
  unnamed: "(sans nom)",
  previous: "Précédent",
  next: "Suivant",
  pageOf: "Page {page} sur {pages}",
};

type Key = keyof typeof fr;

const en: Record<Key, string> = {
  appTitle: "RSU — Household data entry",
  appSubtitle: "Unique social registry of the Union of the Comoros",
  languageSwitch: "Interface language",
  formsHeading: "Published questionnaires",
  formsLoading: "Loading questionnaires…",
  formsEmpty: "No questionnaire is published yet.",
  formsFailed: "The list of questionnaires could not be loaded.",
  formVersion: "Version {version}",
  formPublishedOn: "Published on {date}",
  formFill: "Fill in",
  formFillLabel: "Fill in the questionnaire “{title}”",
  backToList: "Back to the list",
  formLoading: "Loading the questionnaire…",
  formFailed: "This questionnaire could not be loaded.",
  retry: "Retry",
  sending: "Sending the questionnaire…",
  accepted: "Questionnaire received. Adding it to the registry…",
  integrated: "Added to the registry",
  householdId: "Household id: {id}",
  stillPending:
    "The questionnaire was received, but adding it to the registry is taking longer than expected. You may go on: it will be added automatically.",
  submissionRef: "Submission reference: {id}",
  refusedInvalid: "The registry refused this questionnaire. Correct the answers listed and send it again.",
  refusedRejected: "This questionnaire was rejected by the registry.",
  fieldErrorsHeading: "Answers to correct",
  fieldErrorsIntro: "The server found errors. Correct them, then complete the questionnaire again.",
  goToQuestion: "Go to the question",
  colon: ":",
  rosterItem: "{roster} no. {number}",
  networkError: "The server cannot be reached. Your answers are kept on this page; retry once the connection is back.",
  serverError: "The server answered with an error (HTTP {status}).",
  correct: "Correct the answers",
  newQuestionnaire: "New questionnaire",
  checkingSession: "Checking the session…",
  signInHeading: "Sign in",
  signInIntro: "Sign in with the user name and password your supervisor gave you.",
  username: "User name",
  password: "Password",
  signIn: "Sign in",
  signingIn: "Signing in…",
  signOut: "Sign out",
  signedInAs: "Signed in: {name}",
  sessionExpired: "Your session has ended. Sign in again: the answers in progress are kept.",
  serverUnreachable: "The server cannot be reached. Check the connection and try again.",
  notSentSessionEnded: "The questionnaire was not sent: the session had ended. Once signed in again, press “Retry”.",  viewsNav: "Screens",
  navForms: "Questionnaires",
  navHouseholds: "Households of my area",
  areaHeading: "Households of my area",
  areaIntro: "Households already recorded in your area of work: {areas}.",
  areaNone: "no area is assigned to you",
  areaLoading: "Loading the households…",
  areaFailed: "The households of your area could not be loaded.",
  areaEmpty: "No household is recorded in your area yet.",
  areaCount: "{count} household(s) recorded",
  colHead: "Head of household",
  colPrefecture: "Prefecture",
  colCommune: "Commune",
  colVillage: "Village",
  colMembers: "Members",
  colRecorded: "Recorded on",
  unnamed: "(no name)",
  previous: "Previous",
  next: "Next",
  pageOf: "Page {page} of {pages}",
};

export type Language = "fr" | "en";
export const LANGUAGES: readonly Language[] = ["fr", "en"];
const strings: Record<Language, Record<Key, string>> = { fr, en };

/** Fired on `window` when the clerk switches language; components re-render through LanguageController. */
export const LANGUAGE_CHANGE = "rsu-language-change";
const STORAGE_KEY = "rsu.runtime.language";

let current: Language = savedLanguage();

export function t(key: Key, params: Record<string, string | number> = {}): string {
  return fill(strings[current][key], params);
}

/** The same text in both languages, for places that keep a Message (an error shown later, maybe after a switch). */
export function message(key: Key, params: Record<string, string | number> = {}): Message {
  return { fr: fill(fr[key], params), en: fill(en[key], params) };
}

/** A server or catalogue text in the current language, French when the other is missing. */
export function pick(text: Message): string {
  return text[current] || text.fr;
}

export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(current === "fr" ? "fr-FR" : "en-GB", { dateStyle: "long" }).format(date);
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
    // Private browsing may refuse storage: the choice then lasts until the page is reloaded.
  }
  window.dispatchEvent(new Event(LANGUAGE_CHANGE));
}

function savedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "fr";
  } catch {
    return "fr";
  }
}

function fill(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
