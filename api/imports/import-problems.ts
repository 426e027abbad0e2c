import { Problem } from "../problems";
import type { FieldError } from "../../schemas/contracts/api";
import type { ImportStatus } from "../../schemas/contracts/imports";

/** The errors of bulk import (issue #19), kept beside it: stable codes, French first. */
export const importProblems = {
  importNotFound: () =>
    new Problem(404, "import_not_found", { fr: "Aucun import ne porte cet identifiant.", en: "No import has this id." }),
  profileNotFound: () =>
    new Problem(404, "import_profile_not_found", {
      fr: "Aucun profil de correspondance ne porte cet identifiant.",
      en: "No mapping profile has this id.",
    }),
  profileNameTaken: (name: string) =>
    new Problem(
      409,
      "import_profile_name_taken",
      { fr: `Un profil s'appelle déjà « ${name} ».`, en: `A profile is already named "${name}".` },
      { name },
    ),
  profileInvalid: (details: FieldError[]) =>
    new Problem(
      422,
      "import_profile_invalid",
      {
        fr: "Le profil de correspondance ne s'accorde pas avec le questionnaire choisi.",
        en: "The mapping profile does not fit the chosen form.",
      },
      details,
    ),
  unknownFormat: () =>
    new Problem(
      415,
      "import_format_unknown",
      {
        fr: "Format de fichier non reconnu : envoyez un fichier .csv, .xlsx, .dta (Stata) ou .sav (SPSS).",
        en: "Unknown file format: send a .csv, .xlsx, .dta (Stata) or .sav (SPSS) file.",
      },
      { allowed: ["csv", "xlsx", "dta", "sav"] },
    ),
  fileUnreadable: (reason: string) =>
    new Problem(
      422,
      "import_file_unreadable",
      {
        fr: "Le fichier ne peut pas être lu dans le format annoncé (ou n'a pas de ligne d'en-tête).",
        en: "The file cannot be read in its stated format (or has no header row).",
      },
      { reason: reason.slice(0, 300) },
    ),
  fileTooLarge: (limitBytes: number) =>
    new Problem(413, "payload_too_large", {
      fr: `Le fichier dépasse ${Math.round(limitBytes / 1024 / 1024)} Mio.`,
      en: `The file exceeds ${Math.round(limitBytes / 1024 / 1024)} MiB.`,
    }),
  columnsMissing: (file: string, columns: string[]) =>
    new Problem(
      422,
      "import_columns_missing",
      {
        fr: `Le profil nomme des colonnes absentes du fichier (${file}) : ${columns.join(", ")}.`,
        en: `The profile names columns the file (${file}) does not have: ${columns.join(", ")}.`,
      },
      { file, columns },
    ),
  filesMissing: (role: string) =>
    new Problem(
      409,
      "import_files_missing",
      { fr: `Il manque le fichier « ${role} » que ce profil attend.`, en: `The "${role}" file this profile expects is missing.` },
      { role },
    ),
  alreadyUndone: () =>
    new Problem(409, "import_already_undone", {
      fr: "Cet import a déjà été défait : ce qu'il avait changé dans le registre l'est déjà.",
      en: "This import was already undone: what it changed in the registry already is.",
    }),
  stillIntegrating: (pending: number) =>
    new Problem(
      409,
      "import_still_integrating",
      {
        fr: `${pending} ménage(s) de cet import sont encore en cours d'intégration : attendez la fin avant de le défaire.`,
        en: `${pending} household(s) of this import are still being integrated: wait for the end before undoing it.`,
      },
      { pending },
    ),
  wrongStatus: (status: ImportStatus, allowed: readonly ImportStatus[]) =>
    new Problem(
      409,
      "import_wrong_status",
      {
        fr: `Impossible dans l'état actuel de l'import (${status}) ; possible seulement si : ${allowed.join(", ")}.`,
        en: `Not possible in the import's current state (${status}); only when: ${allowed.join(", ")}.`,
      },
      { status, allowed },
    ),
};
