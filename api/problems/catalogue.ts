import { Problem, type UsedBy } from "./problem";

/** The catalogue of variables and code lists, its releases, imports and indicators. */
export const catalogueProblems = {
  indicatorNotCountable: (code: string, type: string) =>
    new Problem(
      400,
      "indicator_not_countable",
      {
        fr: `La variable « ${code} » (${type}) ne fait pas un indicateur : choisissez une variable à choix, oui/non ou numérique.`,
        en: `Variable "${code}" (${type}) makes no indicator: pick a choice, yes/no or number variable.`,
      },
      { pointer: "/variable", code },
    ),
  indicatorNotGranted: (code: string, sensitivity: string) =>
    new Problem(
      403,
      "indicator_not_granted",
      {
        fr: `Vos droits ne permettent pas de lire la variable « ${code} » (${sensitivity}) : elle ne peut pas faire un indicateur pour vous.`,
        en: `Your grants do not let you read variable "${code}" (${sensitivity}): it cannot make an indicator for you.`,
      },
      { pointer: "/variable", code, sensitivity },
    ),
  variableNotFound: (code: string) =>
    new Problem(
      404,
      "variable_not_found",
      { fr: `Le catalogue n'a pas de variable « ${code} ».`, en: `The catalogue has no variable "${code}".` },
      { code },
    ),
  codeListNotFound: (code: string) =>
    new Problem(
      404,
      "code_list_not_found",
      { fr: `Le catalogue n'a pas de liste de codes « ${code} ».`, en: `The catalogue has no code list "${code}".` },
      { code },
    ),
  releaseNotFound: () =>
    new Problem(404, "release_not_found", {
      fr: "Aucune version du catalogue ne porte cet identifiant.",
      en: "No catalogue release has this id.",
    }),
  variableInUse: (code: string, usedBy: UsedBy[]) =>
    new Problem(
      409,
      "variable_in_use",
      {
        fr: `La variable « ${code} » est utilisée par une version publiée : son code et son type ne peuvent plus changer (elle peut être dépréciée).`,
        en: `Variable "${code}" is used by a published version: its code and type can no longer change (it may be deprecated).`,
      },
      { code, usedBy },
    ),
  codeInUse: (list: string, values: string[], usedBy: UsedBy[]) =>
    new Problem(
      409,
      "code_in_use",
      {
        fr: `Les valeurs ${values.join(", ")} de la liste « ${list} » sont utilisées par une version publiée : elles ne peuvent pas être retirées.`,
        en: `Values ${values.join(", ")} of list "${list}" are used by a published version: they cannot be removed.`,
      },
      { code: list, values, usedBy },
    ),
  releaseNameTaken: (name: string) =>
    new Problem(
      409,
      "release_name_taken",
      { fr: `Une version du catalogue s'appelle déjà « ${name} ».`, en: `A catalogue release is already named "${name}".` },
      { name },
    ),
  /** The details are the whole import plan: the writer fixes every refused row at once. */
  catalogueImportRefused: (plan: { refused: unknown[] }) =>
    new Problem(
      422,
      "catalogue_import_refused",
      {
        fr: `Import refusé : ${plan.refused.length} ligne(s) en erreur. Rien n'a été écrit.`,
        en: `Import refused: ${plan.refused.length} row(s) in error. Nothing was written.`,
      },
      plan,
    ),
  catalogueFileUnreadable: () =>
    new Problem(422, "catalogue_file_unreadable", {
      fr: "Ce fichier n'est pas un catalogue : attendu un classeur XLSX avec une feuille « variables » ou « code_lists », ou un CSV UTF-8 tel que l'export le produit.",
      en: `This file is not a catalogue: expected an XLSX workbook with a "variables" or "code_lists" sheet, or a UTF-8 CSV as the export writes it.`,
    }),
} as const;
