import type { Catalogue, Labels, VariableType } from "../types";

/** What an export prints about the catalogue's origin: a release, or the working catalogue on a date. */
export interface ExportSource {
  release?: { name: string; notes?: string | null; createdAt: string };
  /** ISO date-time the export was made. */
  generatedAt: string;
}

/** A label in the chosen language, falling back to French (always present). */
export function labelIn(labels: Labels | undefined, lang: string): string {
  if (!labels) return "";
  return labels[lang] ?? labels.fr;
}

/** Every language used by a label anywhere in the catalogue, French first, then alphabetical. */
export function catalogueLanguages(catalogue: Catalogue): string[] {
  const langs = new Set<string>();
  const add = (l?: Labels) => {
    for (const k of Object.keys(l ?? {})) langs.add(k);
  };
  for (const v of catalogue.variables) add(v.label);
  for (const l of catalogue.codeLists) {
    add(l.label);
    for (const i of l.items) add(i.label);
  }
  langs.delete("fr");
  return ["fr", ...[...langs].sort()];
}

export const TYPE_WORDS: Record<VariableType, { fr: string; en: string }> = {
  text: { fr: "Texte", en: "Text" },
  integer: { fr: "Nombre entier", en: "Integer" },
  decimal: { fr: "Nombre décimal", en: "Decimal number" },
  boolean: { fr: "Oui / non", en: "Yes / no" },
  date: { fr: "Date", en: "Date" },
  single_choice: { fr: "Choix unique", en: "Single choice" },
  multiple_choice: { fr: "Choix multiple", en: "Multiple choice" },
  phone: { fr: "Numéro de téléphone", en: "Phone number" },
  national_id: { fr: "Numéro d'identité nationale", en: "National ID number" },
  gps_point: { fr: "Point GPS (lat,lon)", en: "GPS point (lat,lon)" },
  file: { fr: "Fichier, photo ou signature", en: "File, photo or signature" },
};
