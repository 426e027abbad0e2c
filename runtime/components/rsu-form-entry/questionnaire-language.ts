import { offeredLanguages } from "../../../kit/i18n";
import { getLanguage, t } from "../../i18n";

/**
 * The language a questionnaire is read in, apart from the interface's (#18): a clerk who reads the
 * questions to a household in Shingazidja keeps the buttons and messages in French. Offered only when the
 * mask's labels carry a language the interface does not speak (Comorian), and remembered on the device.
 */
const STORAGE_KEY = "rsu.runtime.questionnaireLanguage";

/** French, the interface's languages, then the four Comorian languages (ISO 639-3), as the designer lists them. */
const KNOWN = ["fr", "en", "ar", "zdj", "wni", "wlc", "swb"];

/** The clerk's choice on this device; "" follows the interface. */
export function rememberedQuestionnaireLanguage(): string {
  try {
    return localStorage.getItem(STORAGE_KEY) ?? "";
  } catch {
    return "";
  }
}

export function rememberQuestionnaireLanguage(tag: string): void {
  try {
    if (tag) localStorage.setItem(STORAGE_KEY, tag);
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Private browsing may refuse storage: the choice then lasts as long as the page.
  }
}

/**
 * The languages to choose among, known ones first; none when every language of the mask is one the
 * interface speaks, since the interface's switch then already chooses.
 */
export function questionnaireLanguages(maskLanguages: ReadonlySet<string>): string[] {
  const interfaceLanguages: readonly string[] = offeredLanguages();
  if ([...maskLanguages].every((tag) => interfaceLanguages.includes(tag))) return [];
  const known = KNOWN.filter((tag) => maskLanguages.has(tag));
  return [...known, ...[...maskLanguages].filter((tag) => !KNOWN.includes(tag)).sort()];
}

/** The questionnaire's locale: the remembered choice where the mask carries it, else the interface's. */
export function questionnaireLocale(maskLanguages: ReadonlySet<string>): string {
  const chosen = rememberedQuestionnaireLanguage();
  return chosen && maskLanguages.has(chosen) ? chosen : getLanguage();
}

/** « shingazidja (comorien de Grande Comore) », or the bare tag of a language the runtime cannot name. */
export function languageName(tag: string): string {
  return KNOWN.includes(tag) ? t(`language_${tag}` as Parameters<typeof t>[0]) : tag;
}
