import type { HelpTopic } from "../kit/help-link";

/**
 * Each screen of the field app and the chapter of the user guide that explains it (#21): the clerk's chapter.
 * test/unit/help-topics.test.ts checks that every anchor is a heading of the guide.
 */
export const HELP_TOPICS = {
  signIn: { fr: "agent", en: "clerk" },
  forms: { fr: "agent#inscrire-un-menage", en: "clerk#register-a-household" },
  entry: { fr: "agent#inscrire-un-menage", en: "clerk#register-a-household" },
  drafts: { fr: "agent#travailler-sans-reseau", en: "clerk#work-without-a-network" },
  households: { fr: "agent#les-menages-de-ma-zone", en: "clerk#households-of-my-area" },
  submissions: { fr: "agent#corriger-un-envoi-renvoye", en: "clerk#fix-a-submission-sent-back" },
} satisfies Record<string, HelpTopic>;
