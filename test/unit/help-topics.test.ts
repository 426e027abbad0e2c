import { describe, expect, it } from "vitest";
import { GUIDE_HOME, HELP_TOPICS as BACK_OFFICE } from "../../designer/help-topics";
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
  ...Object.entries(FIELD_APP).map(([screen, topic]): [string, HelpTopic] => [`field app ${screen}`, topic]),
  ["back office sign-in", GUIDE_HOME],
];

describe("the Aide links", () => {
  it.each(topics)("%s opens a heading of the guide in French and in English", (_screen, topic) => {
    expect({ fr: reaches("fr", topic.fr), en: reaches("en", topic.en) }).toEqual({ fr: true, en: true });
  });

  it("reach no heading that does not exist", () => {
    expect(reaches("fr", "administrateur#pas-de-titre")).toBe(false);
  });
});
