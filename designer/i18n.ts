import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { Message } from "../schemas/contracts/api";
import * as audit from "./messages/audit";
import * as registry from "./messages/registry";
import * as shell from "./messages/shell";
import * as tokens from "./messages/tokens";
import * as users from "./messages/users";

/**
 * Every text of the back office, French first (DESIGN.md rule 8), one module per screen so that each
 * stays readable; `{name}` marks a value filled in by `t`.
 */
const fr = { ...shell.fr, ...registry.fr, ...users.fr, ...tokens.fr, ...audit.fr };

export type MessageKey = keyof typeof fr;

const en: Record<MessageKey, string> = { ...shell.en, ...registry.en, ...users.en, ...tokens.en, ...audit.en };

export type Language = "fr" | "en";
export const LANGUAGES: readonly Language[] = ["fr", "en"];
const strings: Record<Language, Record<MessageKey, string>> = { fr, en };

const LANGUAGE_CHANGE = "rsu-language-change";
const STORAGE_KEY = "rsu.designer.language";

let current: Language = savedLanguage();

export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return strings[current][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The text of a key built from a server code (`role_clerk`, `action_user.create`), or the code itself when unknown. */
export function tCode(prefix: string, code: string): string {
  const key = `${prefix}${code}`;
  return key in fr ? t(key as MessageKey) : code;
}

/** A server text in the current language, French when the other is missing. */
export function pick(text: Message): string {
  return text[current] || text.fr;
}

/**
 * A date in the reader's language: a day; an instant with its time (`true`); or, where a table has many
 * columns, `compact` (28/11/2026 16:52) or `seconds` (28/11/2026 16:52:07, for the audit log).
 */
export function formatDate(value: string, withTime: boolean | "seconds" | "compact" = false): string {
  // A bare date (birth date) is a calendar day, not an instant: keep it from shifting with the time zone.
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00` : value);
  if (Number.isNaN(date.getTime())) return value;
  const locale = current === "fr" ? "fr-FR" : "en-GB";
  const styles: Record<string, Intl.DateTimeFormatOptions> = {
    false: { dateStyle: "medium" },
    true: { dateStyle: "medium", timeStyle: "short" },
    seconds: { dateStyle: "short", timeStyle: "medium" },
    compact: { dateStyle: "short", timeStyle: "short" },
  };
  return new Intl.DateTimeFormat(locale, styles[String(withTime)]).format(date);
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
    // Storage may be refused: the choice then lasts until the page is reloaded.
  }
  window.dispatchEvent(new Event(LANGUAGE_CHANGE));
}

/** Re-renders its host when the language changes. */
export class LanguageController implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private readonly handleChange = () => this.host.requestUpdate();

  constructor(host: ReactiveControllerHost) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener(LANGUAGE_CHANGE, this.handleChange);
  }

  hostDisconnected(): void {
    window.removeEventListener(LANGUAGE_CHANGE, this.handleChange);
  }
}

function savedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "fr";
  } catch {
    return "fr";
  }
}
