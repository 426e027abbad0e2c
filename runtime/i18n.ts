import { formatDate as formatInLanguage, restoreLanguage, translator } from "./shared/i18n";
import * as shared from "./shared/messages";

/** Every text of the runtime, French first (DESIGN.md rule 8). `{name}` marks a value filled in by `t`. */
const fr = {
  ...shared.fr,
  appTitle: "RSU — Saisie des ménages",
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
  sending: "Envoi du questionnaire…",
  accepted: "Questionnaire reçu. Intégration au registre en cours…",
  integrated: "Intégré au registre",
  householdId: "Identifiant du ménage : {id}",
  stillPending:
    "Le questionnaire est bien reçu, mais son intégration prend plus de temps que prévu. Vous pouvez continuer : il sera intégré automatiquement.",
  inReview:
    "Questionnaire reçu. Un superviseur doit vérifier un doublon possible avant l'intégration au registre ; vous pouvez continuer.",
  submissionRef: "Référence de l'envoi : {id}",
  refusedInvalid: "Le registre a refusé ce questionnaire. Corrigez les réponses signalées puis envoyez-le de nouveau.",
  refusedRejected: "Ce questionnaire a été rejeté par le registre.",
  fieldErrorsHeading: "Réponses à corriger",
  fieldErrorsIntro: "Le serveur a relevé des erreurs. Corrigez-les puis terminez à nouveau le questionnaire.",
  goToQuestion: "Aller à la question",
  colon: "\u202f:",
  rosterItem: "{roster} n° {number}",
  networkError: "Impossible de joindre le serveur. Vos réponses sont conservées sur cette page ; réessayez dès que la connexion revient.",
  correct: "Corriger les réponses",
  newQuestionnaire: "Nouveau questionnaire",
  checkingSession: "Vérification de la session…",
  signInIntro: "Connectez-vous avec l'identifiant et le mot de passe que vous a remis votre superviseur.",
  sessionExpired: "Votre session a pris fin. Reconnectez-vous : les réponses en cours sont conservées.",
  notSentSessionEnded: "Le questionnaire n'a pas été envoyé : la session avait pris fin. Une fois reconnecté(e), appuyez sur « Réessayer ».",
  viewsNav: "Écrans",
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
};

type Key = keyof typeof fr;

const en: Record<Key, string> = {
  ...shared.en,
  appTitle: "RSU — Household data entry",
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
  sending: "Sending the questionnaire…",
  accepted: "Questionnaire received. Adding it to the registry…",
  integrated: "Added to the registry",
  householdId: "Household id: {id}",
  stillPending:
    "The questionnaire was received, but adding it to the registry is taking longer than expected. You may go on: it will be added automatically.",
  inReview:
    "Questionnaire received. A supervisor must check a possible duplicate before it is added to the registry; you may go on.",
  submissionRef: "Submission reference: {id}",
  refusedInvalid: "The registry refused this questionnaire. Correct the answers listed and send it again.",
  refusedRejected: "This questionnaire was rejected by the registry.",
  fieldErrorsHeading: "Answers to correct",
  fieldErrorsIntro: "The server found errors. Correct them, then complete the questionnaire again.",
  goToQuestion: "Go to the question",
  colon: ":",
  rosterItem: "{roster} no. {number}",
  networkError: "The server cannot be reached. Your answers are kept on this page; retry once the connection is back.",
  correct: "Correct the answers",
  newQuestionnaire: "New questionnaire",
  checkingSession: "Checking the session…",
  signInIntro: "Sign in with the user name and password your supervisor gave you.",
  sessionExpired: "Your session has ended. Sign in again: the answers in progress are kept.",
  notSentSessionEnded: "The questionnaire was not sent: the session had ended. Once signed in again, press “Retry”.",
  viewsNav: "Screens",
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
};

export { getLanguage, LANGUAGES, pick, setLanguage, type Language } from "./shared/i18n";

restoreLanguage("rsu.runtime.language");

export const { t, message } = translator({ fr, en });

/** A publication date, written out: 28 novembre 2026. */
export function formatDate(iso: string): string {
  return formatInLanguage(iso, { dateStyle: "long" });
}
