/**
 * XLSForm languages (`label::Français (fr)`, `label::english`, plain `label`) as SurveyJS locales, and
 * back. A plain column is SurveyJS's `default` text, shown for any language the form lacks.
 */
const BY_NAME: Record<string, string> = {
  english: "en",
  anglais: "en",
  french: "fr",
  français: "fr",
  francais: "fr",
  arabic: "ar",
  arabe: "ar",
  العربية: "ar",
  swahili: "sw",
  kiswahili: "sw",
  shikomori: "zdj",
  comorian: "zdj",
  chinese: "zh",
  spanish: "es",
  español: "es",
  portuguese: "pt",
  português: "pt",
  german: "de",
  deutsch: "de",
  italian: "it",
  russian: "ru",
  malagasy: "mg",
};

export const DEFAULT_LOCALE = "default";

/** The SurveyJS locale of an XLSForm language name; `known` is false when it was guessed from the name. */
export function localeOf(language: string | undefined): { locale: string; known: boolean } {
  if (language === undefined || language.trim() === "") return { locale: DEFAULT_LOCALE, known: true };
  const code = language.match(/\(\s*([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)?)\s*\)\s*$/);
  if (code) return { locale: code[1]!.toLowerCase(), known: true };
  const name = language.trim().toLowerCase();
  if (/^[a-z]{2}$/.test(name)) return { locale: name, known: true };
  const found = BY_NAME[name];
  return found ? { locale: found, known: true } : { locale: name.replace(/[^\p{L}\p{N}]+/gu, "_"), known: false };
}

/**
 * The texts of one row for a column (`label`, `hint`, `constraint_message`…), by locale; a string when
 * there is only the default one, as SurveyJS writes it; undefined when the row has none.
 */
export function textsOf(cells: Record<string, string>, base: string): string | Record<string, string> | undefined {
  const texts: Record<string, string> = {};
  for (const [column, value] of Object.entries(cells)) {
    if (column === base) texts[DEFAULT_LOCALE] = value;
    else if (column.startsWith(`${base}::`)) texts[localeOf(column.slice(base.length + 2)).locale] = value;
  }
  const locales = Object.keys(texts);
  if (locales.length === 0) return undefined;
  if (locales.length === 1 && locales[0] === DEFAULT_LOCALE) return texts[DEFAULT_LOCALE];
  return texts;
}
