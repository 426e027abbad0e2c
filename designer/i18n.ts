import { formatDate as formatInLanguage, getLanguage as currentLanguage, restoreLanguage, translator } from "../kit/i18n";
import * as shared from "../kit/messages";
import * as audit from "./messages/audit";
import * as backups from "./messages/backups";
import * as catalogue from "./messages/catalogue";
import * as catalogueImport from "./messages/catalogue-import";
import * as codeLists from "./messages/code-lists";
import * as dashboards from "./messages/dashboards";
import * as exportsMessages from "./messages/exports";
import * as forms from "./messages/forms";
import * as maskDesigner from "./messages/mask-designer";
import * as operations from "./messages/operations";
import * as history from "./messages/history";
import * as incidents from "./messages/incidents";
import * as imports from "./messages/imports";
import * as jobs from "./messages/jobs";
import * as registry from "./messages/registry";
import * as reports from "./messages/reports";
import * as review from "./messages/review";
import * as shell from "./messages/shell";
import * as tokens from "./messages/tokens";
import * as users from "./messages/users";
import * as variableForm from "./messages/variable-form";
import * as xlsformImport from "./messages/xlsform-import";

/**
 * Every text of the back office, French first (DESIGN.md rule 8), one module per screen so that each
 * stays readable; `{name}` marks a value filled in by `t`. The language machinery is the runtime's.
 */
const fr = {
  ...shared.fr,
  ...shell.fr,
  ...registry.fr,
  ...users.fr,
  ...tokens.fr,
  ...audit.fr,
  ...catalogue.fr,
  ...catalogueImport.fr,
  ...variableForm.fr,
  ...codeLists.fr,
  ...forms.fr,
  ...maskDesigner.fr,
  ...review.fr,
  ...history.fr,
  ...jobs.fr,
  ...operations.fr,
  ...incidents.fr,
  ...backups.fr,
  ...xlsformImport.fr,
  ...exportsMessages.fr,
  ...dashboards.fr,
  ...reports.fr,
  ...imports.fr,
};

export type MessageKey = keyof typeof fr;

const en: Record<MessageKey, string> = {
  ...shared.en,
  ...shell.en,
  ...registry.en,
  ...users.en,
  ...tokens.en,
  ...audit.en,
  ...catalogue.en,
  ...catalogueImport.en,
  ...variableForm.en,
  ...codeLists.en,
  ...forms.en,
  ...maskDesigner.en,
  ...review.en,
  ...history.en,
  ...jobs.en,
  ...operations.en,
  ...incidents.en,
  ...backups.en,
  ...xlsformImport.en,
  ...exportsMessages.en,
  ...dashboards.en,
  ...reports.en,
  ...imports.en,
};

export { getLanguage, pick } from "../kit/i18n";
export { LanguageController } from "../kit/language.controller";

restoreLanguage("rsu.designer.language");

const messages = translator({ fr, en });

export const t = messages.t;

/** The same text in both languages, for texts kept in a mask (the roster's titles). */
export const message = messages.message;

/** The text of a key built from a server code (`role_clerk`, `action_user.create`), or the code itself when unknown. */
export function tCode(prefix: string, code: string): string {
  const key = `${prefix}${code}`;
  return messages.has(key) ? t(key) : code;
}

const DATE_STYLES: Record<string, Intl.DateTimeFormatOptions> = {
  false: { dateStyle: "medium" },
  true: { dateStyle: "medium", timeStyle: "short" },
  seconds: { dateStyle: "short", timeStyle: "medium" },
  compact: { dateStyle: "short", timeStyle: "short" },
};

/**
 * A date in the reader's language: a day; an instant with its time (`true`); or, where a table has many
 * columns, `compact` (28/11/2026 16:52) or `seconds` (28/11/2026 16:52:07, for the audit log).
 */
export function formatDate(value: string, withTime: boolean | "seconds" | "compact" = false): string {
  return formatInLanguage(value, DATE_STYLES[String(withTime)]!);
}

/** A score in [0, 1] with two decimals and the reader's decimal mark (0,85 in French). */
export function formatScore(value: number): string {
  return value.toLocaleString(currentLanguage(), { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
