import { describe, expect, it } from "vitest";
import { GUIDE_HOME, HELP_TOPICS as BACK_OFFICE, SUB_SCREEN_TOPICS } from "../../designer/help-topics";
import type { HelpTopic } from "../../kit/help-link";
import { HELP_TOPICS as FIELD_APP } from "../../runtime/help-topics";
import { renderGuide } from "../../scripts/guide-pages";

/**
 * Every screen's « Aide » link lands on a heading of the user guide (#21): the back office's tabs (the type of
 * a tab's id makes each one have a topic) and the field app's screens, in French and in English.
 */
const { pages } = renderGuide();

/** `administrateur#exploitation` → whether guide/fr/administrateur.html has a heading with that id. */
function reaches(language: "fr" | "en", target: string): boolean {
  const [chapter, anchor] = target.split("#");
  const page = pages.get(`guide/${language}/${chapter}.html`);
  if (page === undefined) return false;
  return anchor === undefined || page.includes(`id="${anchor}"`);
}

const topics: [string, HelpTopic][] = [
  ...Object.entries(BACK_OFFICE).map(([tab, topic]): [string, HelpTopic] => [`back office #${tab}`, topic]),
  ...Object.entries(SUB_SCREEN_TOPICS).map(([screen, topic]): [string, HelpTopic] => [`back-office sub-screen ${screen}`, topic]),
  ...Object.entries(FIELD_APP).map(([screen, topic]): [string, HelpTopic] => [`field app ${screen}`, topic]),
  ["back office sign-in", GUIDE_HOME],
];

describe("the Aide links", () => {
  it.each(topics)("%s opens a heading of the guide in French and in English", (_screen, topic) => {
    expect({ fr: reaches("fr", topic.fr), en: reaches("en", topic.en) }).toEqual({ fr: true, en: true });
  });

  // A household's history, an import's page, a user's edit form, a mask's versions: their own section, not
  // their tab's chapter again.
  it("open each sub-screen at its own section, not at its tab's", () => {
    expect(SUB_SCREEN_TOPICS).toEqual({
      householdHistory: { fr: "superviseur#lire-lhistorique-dun-menage", en: "supervisor#read-a-households-history" },
      importDetail: { fr: "administrateur#suivre-une-importation", en: "administrator#follow-an-import" },
      userEdit: { fr: "administrateur#modifier-le-compte-dun-agent", en: "administrator#change-a-clerks-account" },
      maskVersions: { fr: "redacteur#retirer-une-version-dun-masque", en: "specification-writer#retire-a-version-of-a-mask" },
      variableForm: { fr: "redacteur#creer-une-variable", en: "specification-writer#create-a-variable" },
      xlsformImport: { fr: "redacteur#importer-un-xlsform", en: "specification-writer#import-an-xlsform" },
    });
    const tabTargets = new Set(Object.values(BACK_OFFICE).map((topic) => topic.fr));
    expect(Object.values(SUB_SCREEN_TOPICS).filter((topic) => tabTargets.has(topic.fr))).toEqual([]);
  });

  it("reach no heading that does not exist", () => {
    expect(reaches("fr", "administrateur#pas-de-titre")).toBe(false);
  });
});
