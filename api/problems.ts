import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { FieldError, Message, ProblemBody } from "../schemas/contracts/api";
import type { MergeConflict } from "../schemas/contracts/review";

/**
 * The problem catalogue (DESIGN.md rule 5): every error the API can answer, with its stable code, its
 * HTTP status and its message in French and English. Routes throw these; one handler renders them.
 */
/** A published form version that depends on a catalogue entry. */
export interface UsedBy {
  formId: string;
  version: number;
}

export class Problem extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    readonly text: Message,
    readonly details?: unknown,
  ) {
    super(`${status} ${code}`);
  }

  toBody(): ProblemBody {
    return { error: { code: this.code, message: this.text, ...(this.details === undefined ? {} : { details: this.details }) } };
  }
}

export const problems = {
  malformedJson: () =>
    new Problem(400, "malformed_json", {
      fr: "Le corps de la requête n'est pas un JSON valide.",
      en: "The request body is not valid JSON.",
    }),
  malformedText: (where: "path" | "query" | "body", pointer?: string) =>
    new Problem(
      400,
      "malformed_text",
      {
        fr: "La requête contient un caractère interdit (octet nul) ou un texte Unicode mal formé.",
        en: "The request contains a forbidden character (NUL byte) or ill-formed Unicode text.",
      },
      { where, ...(pointer === undefined ? {} : { pointer }) },
    ),
  jsonTooComplex: (maxDepth: number, maxArrayLength: number) =>
    new Problem(
      400,
      "json_too_complex",
      {
        fr: `Le corps de la requête est trop imbriqué (plus de ${maxDepth} niveaux) ou une liste a plus de ${maxArrayLength} éléments.`,
        en: `The request body is nested too deeply (over ${maxDepth} levels) or a list has over ${maxArrayLength} items.`,
      },
      { maxDepth, maxArrayLength },
    ),
  /** A value the database refuses (out of range, not representable): bad input that slipped past validation. */
  valueRefused: () =>
    new Problem(400, "value_refused", {
      fr: "Une valeur de la requête est hors limites ou ne peut pas être enregistrée.",
      en: "A value in the request is out of range or cannot be stored.",
    }),
  invalidParameter: (details: FieldError[]) =>
    new Problem(
      400,
      "invalid_parameter",
      {
        fr: "Un paramètre de la requête est invalide.",
        en: "A request parameter is invalid.",
      },
      details,
    ),
  unauthenticated: () =>
    new Problem(401, "unauthenticated", {
      fr: "Veuillez vous connecter : identifiants absents, invalides ou session expirée.",
      en: "Please sign in: credentials missing, invalid, or session expired.",
    }),
  invalidCredentials: () =>
    new Problem(401, "invalid_credentials", {
      fr: "Identifiant ou mot de passe incorrect.",
      en: "Wrong username or password.",
    }),
  tooManyAttempts: (retryAfterSeconds: number) =>
    new Problem(
      429,
      "too_many_attempts",
      {
        fr: `Trop de tentatives de connexion. Réessayez dans ${retryAfterSeconds} secondes.`,
        en: `Too many sign-in attempts. Try again in ${retryAfterSeconds} seconds.`,
      },
      { retryAfterSeconds },
    ),
  forbidden: () =>
    new Problem(403, "forbidden", {
      fr: "Votre rôle ne permet pas cette opération.",
      en: "Your role does not allow this operation.",
    }),
  outsideArea: () =>
    new Problem(403, "outside_area", {
      fr: "Ce ménage ou cette soumission est hors de vos zones d'affectation.",
      en: "This household or submission is outside your assigned areas.",
    }),
  crossSiteRefused: () =>
    new Problem(403, "cross_site_refused", {
      fr: "Requête refusée : elle ne provient pas de l'application rsu.",
      en: "Request refused: it does not come from the rsu application.",
    }),
  notFound: () => new Problem(404, "not_found", { fr: "Cette adresse n'existe pas.", en: "No such address." }),
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
  userNotFound: () => new Problem(404, "user_not_found", { fr: "Aucun utilisateur ne correspond.", en: "No such user." }),
  tokenNotFound: () => new Problem(404, "token_not_found", { fr: "Aucun jeton ne porte cet identifiant.", en: "No token has this id." }),
  cannotDemoteSelf: () =>
    new Problem(409, "cannot_demote_self", {
      fr: "Vous ne pouvez pas désactiver votre propre compte ni vous retirer le rôle d'administrateur.",
      en: "You cannot deactivate your own account or remove your own administrator role.",
    }),
  passwordTooShort: (min: number) =>
    new Problem(
      422,
      "password_too_short",
      {
        fr: `Le mot de passe doit contenir au moins ${min} caractères.`,
        en: `The password must be at least ${min} characters long.`,
      },
      [{ pointer: "/password", code: "min_length", message: { fr: `Au moins ${min} caractères.`, en: `At least ${min} characters.` } }],
    ),
  roleNotHeld: () =>
    new Problem(
      422,
      "role_not_held",
      {
        fr: "Un jeton ne peut porter qu'un rôle que son utilisateur possède.",
        en: "A token can only carry a role its user holds.",
      },
      [
        {
          pointer: "/role",
          code: "role_not_held",
          message: { fr: "Rôle non détenu par l'utilisateur.", en: "Role not held by the user." },
        },
      ],
    ),
  submissionNotFound: () =>
    new Problem(404, "submission_not_found", {
      fr: "Aucune soumission ne porte cet identifiant.",
      en: "No submission has this id.",
    }),
  // Review queue, merges, history and failed jobs (issue #6).
  reviewItemNotFound: () =>
    new Problem(404, "review_item_not_found", {
      fr: "Aucun élément à vérifier ne porte cet identifiant.",
      en: "No review item has this id.",
    }),
  reviewItemDecided: (id: string) =>
    new Problem(
      409,
      "review_item_decided",
      {
        fr: "Cet élément a déjà été tranché ; annulez la fusion pour revenir dessus.",
        en: "This item has already been decided; undo the merge to reopen it.",
      },
      { id },
    ),
  /** Values only: no name or NIN goes into a problem (nor into the log that may carry it). */
  mergeConflicts: (conflicts: Pick<MergeConflict, "path" | "variable" | "lineNumber" | "kept">[]) =>
    new Problem(
      409,
      "merge_conflicts",
      {
        fr: "Le ménage et la soumission ont changé différemment des variables clés : confirmez chaque conflit (confirm) après l'avoir examiné.",
        en: "The household and the submission changed key variables differently: confirm each conflict (confirm) once reviewed.",
      },
      { conflicts: conflicts.map(({ path, variable, lineNumber, kept }) => ({ path, variable, lineNumber, kept })) },
    ),
  mergeNotFound: () => new Problem(404, "merge_not_found", { fr: "Aucune fusion ne porte cet identifiant.", en: "No merge has this id." }),
  mergeUndone: (id: string) =>
    new Problem(409, "merge_already_undone", { fr: "Cette fusion a déjà été annulée.", en: "This merge has already been undone." }, { id }),
  jobNotFound: () =>
    new Problem(404, "job_not_found", {
      fr: "Aucun traitement en échec ne porte cet identifiant.",
      en: "No failed job has this id.",
    }),
  backupRunNotFound: () =>
    new Problem(404, "backup_run_not_found", { fr: "Aucune sauvegarde ne porte cet identifiant.", en: "No backup has this id." }),
  incidentNotFound: () =>
    new Problem(404, "incident_not_found", { fr: "Aucun incident ne porte cet identifiant.", en: "No incident has this id." }),
  incidentClosed: () =>
    new Problem(409, "incident_closed", {
      fr: "Cet incident est clos : il reste tel qu'il a été clos.",
      en: "This incident is closed: it stays as it was closed.",
    }),
  jobStillNeeded: () =>
    new Problem(409, "job_still_needed", {
      fr: "Cette tâche porte un envoi accepté qui n'est pas encore intégré : relancez-la (ou renvoyez l'envoi à l'agent), elle ne peut pas être abandonnée.",
      en: "This job carries an accepted submission that is not integrated yet: retry it (or return the submission to the clerk); it cannot be discarded.",
    }),
  /** A sync cursor (GET /api/sync/households) that this server did not write, or altered. */
  invalidCursor: () =>
    new Problem(
      400,
      "invalid_cursor",
      {
        fr: "Le curseur de synchronisation est illisible : reprenez-le tel que la réponse précédente l'a donné, ou repartez d'une date (since).",
        en: "The synchronisation cursor is unreadable: send it back as the previous answer gave it, or start again from a date (since).",
      },
      [{ pointer: "/cursor", code: "invalid_cursor", message: { fr: "Curseur illisible.", en: "Unreadable cursor." } }],
    ),
  /** The filters of a synchronisation travel in its cursor: given again beside it, they could contradict it. */
  cursorWithFilters: () =>
    new Problem(
      400,
      "cursor_with_filters",
      {
        fr: "Avec un curseur, n'envoyez ni « since » ni « area » : le curseur porte les filtres du premier appel.",
        en: 'With a cursor, send neither "since" nor "area": the cursor carries the first call\'s filters.',
      },
      [
        {
          pointer: "/cursor",
          code: "cursor_with_filters",
          message: { fr: "Curseur et filtres ensemble.", en: "Cursor and filters together." },
        },
      ],
    ),
  householdNotFound: () =>
    new Problem(404, "household_not_found", {
      fr: "Aucun ménage ne porte cet identifiant.",
      en: "No household has this id.",
    }),
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
  unknownExportFormat: (parameter: string, value: string | undefined, allowed: readonly string[]) =>
    new Problem(
      400,
      "unknown_export_format",
      {
        fr: `Export impossible : « ${parameter} » doit valoir ${allowed.join(", ")}.`,
        en: `Cannot export: "${parameter}" must be one of ${allowed.join(", ")}.`,
      },
      { parameter, value: value ?? null, allowed },
    ),
  exportNotFound: () =>
    new Problem(404, "export_not_found", {
      fr: "Aucun export ne porte cet identifiant parmi les vôtres.",
      en: "None of your exports has this id.",
    }),
  exportNotReady: (status: string) =>
    new Problem(
      409,
      "export_not_ready",
      {
        fr: "Le fichier de cet export n'est pas prêt (en attente, en cours, annulé ou en échec).",
        en: "This export's file is not ready (queued, running, cancelled or failed).",
      },
      { status },
    ),
  exportExpired: () =>
    new Problem(410, "export_expired", {
      fr: "Le fichier de cet export a été supprimé après son délai de conservation : demandez un nouvel export.",
      en: "This export's file was deleted after its keeping time: request a new export.",
    }),
  exportFinished: (status: string) =>
    new Problem(
      409,
      "export_finished",
      {
        fr: "Cet export est déjà terminé : il ne peut plus être annulé.",
        en: "This export has already finished: it can no longer be cancelled.",
      },
      { status },
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
  bodyInvalid: (details: FieldError[]) =>
    new Problem(
      422,
      "body_invalid",
      {
        fr: "Le corps de la requête est incomplet ou mal formé.",
        en: "The request body is incomplete or malformed.",
      },
      details,
    ),
  envelopeInvalid: (details: FieldError[]) =>
    new Problem(
      422,
      "submission_envelope_invalid",
      {
        fr: "L'enveloppe de la soumission est incomplète ou mal formée.",
        en: "The submission envelope is incomplete or malformed.",
      },
      details,
    ),
  submissionFilesTooLarge: (limitBytes: number) =>
    new Problem(413, "submission_files_too_large", {
      fr: `Les fichiers de cette saisie dépassent ensemble ${Math.round(limitBytes / (1024 * 1024))} Mo : retirez-en ou réduisez les photos.`,
      en: `This submission's files exceed ${Math.round(limitBytes / (1024 * 1024))} MB together: remove some or make the photos smaller.`,
    }),
  attachmentNotFound: () =>
    new Problem(404, "attachment_not_found", {
      fr: "Ce fichier n'existe pas ou n'appartient pas à ce ménage ou à cette saisie.",
      en: "This file does not exist or does not belong to this household or submission.",
    }),
  submissionInvalid: (details: FieldError[]) =>
    new Problem(
      422,
      "submission_invalid",
      {
        fr: "Certaines réponses ne respectent pas le questionnaire publié.",
        en: "Some answers do not comply with the published form.",
      },
      details,
    ),
  submissionConflict: (id: string) =>
    new Problem(
      409,
      "submission_conflict",
      {
        fr: "Une soumission avec cet identifiant existe déjà avec un contenu différent.",
        en: "A submission with this id already exists with different content.",
      },
      { id },
    ),
  /** A NIN that names a registered person given to someone else (issue #14); `lines` of the roster, when known. */
  ninHeld: (lines?: number[]) =>
    new Problem(
      409,
      "nin_held",
      {
        fr: "Ce NIN appartient déjà à une personne du registre : un NIN ne désigne qu'une personne, membre d'un seul ménage.",
        en: "This NIN already belongs to a person in the registry: a NIN names one person, a member of one household.",
      },
      lines ? { lines } : undefined,
    ),
  ninRepeated: (lines: number[]) =>
    new Problem(
      409,
      "nin_repeated",
      { fr: "Deux membres du ménage ont le même NIN.", en: "Two members of the household have the same NIN." },
      { lines },
    ),
  householdMovedOn: (base: number, current: number) =>
    new Problem(
      409,
      "household_moved_on",
      {
        fr: `La mise à jour a été faite sur la version ${base} du ménage, qui est passé à la version ${current} : renvoyez-la au collecteur.`,
        en: `The update was built on version ${base} of the household, which is now at version ${current}: return it to the clerk.`,
      },
      { base, current },
    ),
  conflict: () =>
    new Problem(409, "conflict", {
      fr: "Cette opération entre en conflit avec une donnée existante.",
      en: "This operation conflicts with existing data.",
    }),
  payloadTooLarge: (limitBytes: number) =>
    new Problem(413, "payload_too_large", {
      fr: `Le corps de la requête dépasse ${Math.round(limitBytes / 1024)} Kio.`,
      en: `The request body exceeds ${Math.round(limitBytes / 1024)} KiB.`,
    }),
  unsupportedMediaType: () =>
    new Problem(415, "unsupported_media_type", {
      fr: "Le corps de la requête doit être envoyé en application/json.",
      en: "The request body must be sent as application/json.",
    }),
  serviceUnavailable: (details: unknown) =>
    new Problem(
      503,
      "service_unavailable",
      {
        fr: "Un service nécessaire ne répond pas.",
        en: "A required service is not answering.",
      },
      details,
    ),
  internal: () =>
    new Problem(500, "internal_error", {
      fr: "Erreur interne. L'incident a été journalisé.",
      en: "Internal error. The incident has been logged.",
    }),
} as const;
