import type { Message } from "../schemas/contracts/api";

/**
 * The language machinery both browser apps share (French first, DESIGN.md rule 8). Each app keeps its own
 * message tables and makes its `t` with `translator`; the reader's choice is one per page, remembered
 * under the app's own storage key (`restoreLanguage`). The field app adds Arabic, written right to left (#18).
 */
export type Language = "fr" | "en" | "ar";

/** Languages whose script runs right to left: the page's `dir` follows, and CSS logical properties with it. */
const RIGHT_TO_LEFT: ReadonlySet<Language> = new Set(["ar"]);

/** Fired on `window` when the reader switches language; components re-render through LanguageController. */
export const LANGUAGE_CHANGE = "rsu-language-change";

/** One text per key in each language; the English table (and the Arabic one, where offered) must have every French key. */
export interface MessageTables<K extends string> {
  fr: Record<K, string>;
  en: Record<K, string>;
  ar?: Record<K, string>;
}

type Params = Record<string, string | number>;

let current: Language = "fr";
let offered: readonly Language[] = ["fr", "en"];
let storageKey: string | undefined;

/**
 * Takes the language the reader chose last time on this app (French when none) among those the app
 * offers; call once per page.
 */
export function restoreLanguage(key: string, languages: readonly Language[] = ["fr", "en"]): void {
  storageKey = key;
  offered = languages;
  try {
    const stored = localStorage.getItem(key);
    current = offered.find((language) => language === stored) ?? "fr";
  } catch {
    current = "fr";
  }
  showLanguage();
}

/** The languages the reader may switch between on this page, French first. */
export function offeredLanguages(): readonly Language[] {
  return offered;
}

function showLanguage() {
  document.documentElement.lang = current;
  document.documentElement.dir = RIGHT_TO_LEFT.has(current) ? "rtl" : "ltr";
}

export function getLanguage(): Language {
  return current;
}

export function setLanguage(language: Language): void {
  if (language === current) return;
  current = language;
  showLanguage();
  try {
    if (storageKey) localStorage.setItem(storageKey, language);
  } catch {
    // Private browsing may refuse storage: the choice then lasts until the page is reloaded.
  }
  window.dispatchEvent(new Event(LANGUAGE_CHANGE));
}

/** A server or catalogue text in the current language, French when it lacks that one (server messages have no Arabic). */
export function pick(text: Message): string {
  return (text as Message & Partial<Record<Language, string>>)[current] || text.fr;
}

/**
 * `t(key, params)` in the current language, and `message(key, params)`, the same text in both languages
 * for places that keep it (an error shown later, maybe after a switch). `{name}` marks a value from `params`.
 */
export function translator<K extends string>(tables: MessageTables<K>) {
  return {
    t: (key: K, params: Params = {}, language: Language = current): string => fill((tables[language] ?? tables.fr)[key], params),
    message: (key: K, params: Params = {}): Message => ({ fr: fill(tables.fr[key], params), en: fill(tables.en[key], params) }),
    has: (key: string): key is K => key in tables.fr,
  };
}

/** A date, or an instant, in the reader's language; a bare date (birth date) is a calendar day and does not shift with the time zone. */
export function formatDate(value: string, options: Intl.DateTimeFormatOptions): string {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00` : value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(DATE_LOCALES[current], options).format(date);
}

/** Dates as read in the Comoros: Arabic with the digits used in the rest of the app. */
const DATE_LOCALES: Record<Language, string> = { fr: "fr-FR", en: "en-GB", ar: "ar-KM-u-nu-latn" };

function fill(text: string, params: Params): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
