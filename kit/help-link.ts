import { html } from "lit";
import { getLanguage, translator } from "./i18n";
import * as messages from "./messages";

const { t } = translator(messages);

/**
 * Where a screen's help is in the user guide (docs/guide/, served at /guide/): the chapter and the heading's
 * anchor in French and in English, e.g. `{ fr: "agent#travailler-sans-reseau", en: "clerk#work-without-a-network" }`.
 */
export interface HelpTopic {
  fr: string;
  en: string;
}

/** The guide's page for a topic, in English when the interface is in English and in French otherwise (#21). */
export function guideAddress(topic: HelpTopic): string {
  const language = getLanguage() === "en" ? "en" : "fr";
  const [chapter, anchor] = topic[language].split("#");
  return `/guide/${language}/${chapter}.html${anchor ? `#${anchor}` : ""}`;
}

/**
 * « Aide » in the title bar. The guide opens in a new tab so that a questionnaire or a mask being edited stays
 * as it is; the link's name says so to screen readers.
 */
export function renderHelpLink(topic: HelpTopic) {
  return html`<a class="help on-primary" href=${guideAddress(topic)} target="_blank" rel="noopener" aria-label=${t("helpNewTab")}
    >${t("help")}</a
  >`;
}
