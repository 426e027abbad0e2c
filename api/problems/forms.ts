import { Problem } from "./problem";

/** Forms, their drafts and published versions, and the files they are imported from (XLSForm). */
export const formsProblems = {
  formNotFound: (formId: string) =>
    new Problem(
      404,
      "form_not_found",
      { fr: `Aucun questionnaire ne porte l'identifiant « ${formId} ».`, en: `No form has id "${formId}".` },
      { formId },
    ),
  formExists: (formId: string) =>
    new Problem(
      409,
      "form_exists",
      { fr: `Un questionnaire « ${formId} » existe déjà.`, en: `Form "${formId}" already exists.` },
      { formId },
    ),
  draftHasErrors: (formId: string, errors: unknown) =>
    new Problem(
      409,
      "draft_has_errors",
      {
        fr: `Le brouillon du questionnaire « ${formId} » a des erreurs de liaison au catalogue : il ne peut pas être publié.`,
        en: `The draft of form "${formId}" has catalogue binding errors: it cannot be published.`,
      },
      { formId, errors },
    ),
  breakingChangeUnconfirmed: (formId: string, diff: unknown) =>
    new Problem(
      409,
      "breaking_change_unconfirmed",
      {
        fr: "Cette publication comporte des changements incompatibles : confirmez-les et donnez une raison.",
        en: "This publication has breaking changes: confirm them and give a reason.",
      },
      { formId, diff },
    ),
  versionImmutable: (formId: string, version: number) =>
    new Problem(
      409,
      "version_immutable",
      {
        fr: `La version ${version} du questionnaire « ${formId} » est publiée : elle ne change jamais. Publiez une nouvelle version.`,
        en: `Version ${version} of form "${formId}" is published: it never changes. Publish a new version.`,
      },
      { formId, version },
    ),
  versionAlreadyRetired: (formId: string, version: number) =>
    new Problem(
      409,
      "version_already_retired",
      {
        fr: `La version ${version} du questionnaire « ${formId} » est déjà retirée.`,
        en: `Version ${version} of form "${formId}" is already retired.`,
      },
      { formId, version },
    ),
  formVersionRetired: (formId: string, version: number) =>
    new Problem(
      410,
      "form_version_retired",
      {
        fr: `La version ${version} du questionnaire « ${formId} » est retirée : les saisies ne sont plus acceptées. Utilisez la dernière version.`,
        en: `Version ${version} of form "${formId}" is retired: submissions are no longer accepted. Use the latest version.`,
      },
      { formId, version },
    ),
  formVersionNotFound: (formId: string, version: number) =>
    new Problem(
      404,
      "form_version_not_found",
      {
        fr: `Le questionnaire « ${formId} » n'a pas de version publiée ${version}.`,
        en: `Form "${formId}" has no published version ${version}.`,
      },
      { formId, version },
    ),
  versionUnchanged: (formId: string, version: number) =>
    new Problem(
      409,
      "version_unchanged",
      {
        fr: `Rien n'a changé depuis la version ${version} : modifiez le brouillon (ou le catalogue) avant de publier une nouvelle version.`,
        en: `Nothing has changed since version ${version}: change the draft (or the catalogue) before publishing a new version.`,
      },
      { formId, version },
    ),
  xlsFormUnreadable: () =>
    new Problem(422, "xlsform_unreadable", {
      fr: "Ce fichier n'est pas un XLSForm : attendu un classeur XLSX ou XLS avec une feuille « survey », un CSV ou markdown UTF-8 à la manière de pyxform, ou un questionnaire SurveyJS (objet JSON).",
      en: `This file is not an XLSForm: expected an XLSX or XLS workbook with a "survey" sheet, a UTF-8 CSV or markdown table as pyxform reads them, or a SurveyJS survey (a JSON object).`,
    }),
  xlsFormTooLarge: (limit: { uncompressedBytes: number } | { cells: number }) =>
    "cells" in limit
      ? new Problem(413, "xlsform_too_large", {
          fr: `Ce classeur compte plus de ${limit.cells} cellules remplies : aucun questionnaire n'en demande autant.`,
          en: `This workbook holds more than ${limit.cells} filled cells: no questionnaire needs so many.`,
        })
      : new Problem(413, "xlsform_too_large", {
          fr: `Ce classeur décompressé dépasse ${Math.round(limit.uncompressedBytes / 1048576)} Mio : refusé avant d'être lu.`,
          en: `This workbook exceeds ${Math.round(limit.uncompressedBytes / 1048576)} MiB once uncompressed: refused before being read.`,
        }),
  importMediaType: (allowed: readonly string[]) =>
    new Problem(
      415,
      "unsupported_media_type",
      {
        fr: `Le fichier doit être envoyé en ${allowed.join(" ou ")}.`,
        en: `The file must be sent as ${allowed.join(" or ")}.`,
      },
      { allowed },
    ),
} as const;
