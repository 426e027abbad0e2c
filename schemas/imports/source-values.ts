import type { CodeList, Variable } from "../catalogue/types";
import type { Message } from "../contracts/api";
import { normalizedLabel } from "./normalized-label";
import type { ColumnMapping, DateFormat } from "./import-profile";

/** A cell as the answer its variable expects, or why it cannot be one (codes shared with submissions). */
export type Converted = { value: unknown } | { code: "not_in_list" | "format" | "type"; message: Message };

const TRUE = new Set(["1", "oui", "o", "yes", "y", "true", "vrai"]);
const FALSE = new Set(["0", "non", "n", "no", "false", "faux"]);

/**
 * Converts a source cell: numbers accept a decimal comma and the mapping's factor, dates the mapping's
 * format, choices the mapping's values, then a code of the list, then a label in any language.
 */
export function convertCell(
  cell: string,
  variable: Variable,
  list: CodeList | undefined,
  mapping: Pick<ColumnMapping, "values" | "dateFormat" | "factor">,
): Converted {
  switch (variable.type) {
    case "integer":
    case "decimal": {
      const number = Number(cell.replace(/\s/g, "").replace(",", "."));
      if (!Number.isFinite(number)) return { code: "type", message: { fr: "Ce n'est pas un nombre.", en: "This is not a number." } };
      const value = mapping.factor ? roundOff(number * mapping.factor) : number;
      return { value };
    }
    case "boolean": {
      const key = normalizedLabel(cell);
      if (TRUE.has(key)) return { value: true };
      if (FALSE.has(key)) return { value: false };
      return { code: "type", message: { fr: "Attendu : oui ou non (1/0).", en: "Expected: yes or no (1/0)." } };
    }
    case "date": {
      const value = isoDate(cell, mapping.dateFormat ?? "YYYY-MM-DD");
      if (value) return { value };
      const format = mapping.dateFormat ?? "YYYY-MM-DD";
      return {
        code: "format",
        message: { fr: `Date invalide (format attendu : ${format}).`, en: `Invalid date (expected format: ${format}).` },
      };
    }
    case "single_choice":
      return choice(cell, list, mapping.values);
    case "multiple_choice": {
      const codes: string[] = [];
      for (const part of cell
        .split(/[;|,]/)
        .map((p) => p.trim())
        .filter(Boolean)) {
        const one = choice(part, list, mapping.values);
        if (!("value" in one)) return one;
        codes.push(one.value as string);
      }
      return { value: codes };
    }
    default:
      return { value: cell };
  }
}

/** Floating point noise of a unit conversion (0.29 × 100) is not a value the source gave. */
function roundOff(n: number): number {
  return Number(n.toPrecision(12));
}

function choice(cell: string, list: CodeList | undefined, values: Record<string, string> | undefined): Converted {
  const mapped = values?.[cell] ?? values?.[cell.trim()];
  if (mapped !== undefined) return { value: mapped };
  const items = list?.items ?? [];
  const byCode =
    items.find((i) => i.code === cell) ?? items.find((i) => /^\d+$/.test(cell) && /^\d+$/.test(i.code) && Number(i.code) === Number(cell));
  if (byCode) return { value: byCode.code };
  const wanted = normalizedLabel(cell);
  const byLabel = items.find((i) => Object.values(i.label).some((l) => l !== undefined && normalizedLabel(l) === wanted));
  if (byLabel) return { value: byLabel.code };
  return {
    code: "not_in_list",
    message: {
      fr: `Valeur inconnue de la liste « ${list?.label.fr ?? list?.code ?? "?"} » : ajoutez-la à la correspondance des valeurs du profil.`,
      en: `Value not in the list "${list?.label.en ?? list?.code ?? "?"}": add it to the profile's value mapping.`,
    },
  };
}

const PARTS: Record<DateFormat, RegExp> = {
  "YYYY-MM-DD": /^(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})$/,
  "DD/MM/YYYY": /^(?<d>\d{1,2})\/(?<m>\d{1,2})\/(?<y>\d{4})$/,
  "MM/DD/YYYY": /^(?<m>\d{1,2})\/(?<d>\d{1,2})\/(?<y>\d{4})$/,
  "DD-MM-YYYY": /^(?<d>\d{1,2})-(?<m>\d{1,2})-(?<y>\d{4})$/,
  "DD.MM.YYYY": /^(?<d>\d{1,2})\.(?<m>\d{1,2})\.(?<y>\d{4})$/,
  YYYYMMDD: /^(?<y>\d{4})(?<m>\d{2})(?<d>\d{2})$/,
};

/**
 * A date as YYYY-MM-DD, or null when it does not exist. An ISO date (what an XLSX date cell reads as)
 * is accepted whatever the profile's format, since the spreadsheet already knew it was a date.
 */
export function isoDate(cell: string, format: DateFormat): string | null {
  const parts = (cell.match(PARTS[format]) ?? cell.match(PARTS["YYYY-MM-DD"]))?.groups;
  if (!parts) return null;
  const [y, m, d] = [Number(parts.y), Number(parts.m), Number(parts.d)];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}
