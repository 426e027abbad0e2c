import type { HelpTopic } from "../kit/help-link";

/**
 * Each tab of the back office and the chapter of the user guide that explains it (#21): its « Aide » link
 * opens there. test/unit/help-topics.test.ts checks that every anchor is a heading of the guide.
 */
export const HELP_TOPICS = {
  registre: { fr: "superviseur#chercher-un-menage-dans-le-registre", en: "supervisor#find-a-household-in-the-registry" },
  revue: { fr: "superviseur#traiter-la-file-de-revue", en: "supervisor#work-the-review-queue" },
  "tableaux-de-bord": { fr: "analyste#lire-les-tableaux-de-bord", en: "analyst#read-the-dashboards" },
  importations: { fr: "administrateur#importer-la-base-dun-partenaire", en: "administrator#import-a-partners-database" },
  exports: { fr: "analyste#demander-un-export", en: "analyst#request-an-export" },
  catalogue: { fr: "redacteur#chercher-et-lire-une-variable", en: "specification-writer#find-and-read-a-variable" },
  masques: { fr: "redacteur#concevoir-un-masque", en: "specification-writer#design-a-mask" },
  utilisateurs: { fr: "administrateur#creer-le-compte-dun-agent", en: "administrator#create-a-clerks-account" },
  jetons: { fr: "administrateur#donner-un-jeton-dapi-a-un-partenaire", en: "administrator#give-a-partner-an-api-token" },
  audit: { fr: "administrateur#lire-le-journal-daudit", en: "administrator#read-the-audit-log" },
  exploitation: { fr: "administrateur#exploitation", en: "administrator#operations" },
  incidents: { fr: "administrateur#incidents", en: "administrator#incidents" },
  rapports: { fr: "administrateur#rapports", en: "administrator#reports" },
  sauvegardes: { fr: "administrateur#sauvegardes", en: "administrator#backups" },
} satisfies Record<string, HelpTopic>;

/**
 * The sub-screens that have their own section of the guide, apart from their tab's (kit/sub-screen-help.ts):
 * « Aide » opens there while one is shown. A sub-screen that is its tab's main task (a mask's designer,
 * creating a user) keeps the tab's topic.
 */
export const SUB_SCREEN_TOPICS = {
  householdHistory: { fr: "superviseur#lire-lhistorique-dun-menage", en: "supervisor#read-a-households-history" },
  importDetail: { fr: "administrateur#suivre-une-importation", en: "administrator#follow-an-import" },
  userEdit: { fr: "administrateur#modifier-le-compte-dun-agent", en: "administrator#change-a-clerks-account" },
  maskVersions: { fr: "redacteur#retirer-une-version-dun-masque", en: "specification-writer#retire-a-version-of-a-mask" },
  variableForm: { fr: "redacteur#creer-une-variable", en: "specification-writer#create-a-variable" },
  xlsformImport: { fr: "redacteur#importer-un-xlsform", en: "specification-writer#import-an-xlsform" },
} satisfies Record<string, HelpTopic>;

/** The guide's first page, for the sign-in screen and a user with no tab. */
export const GUIDE_HOME: HelpTopic = { fr: "index", en: "index" };

export type SectionId = keyof typeof HELP_TOPICS;
